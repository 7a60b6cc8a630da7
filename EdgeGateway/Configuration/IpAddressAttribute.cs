using System.ComponentModel.DataAnnotations;
using System.Net;

namespace EdgeGateway.Configuration;

/// <summary>A literal IPv4 or IPv6 address.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class IpAddressAttribute : ValidationAttribute
{
    public IpAddressAttribute()
        : base("must be an IP address")
    {
    }

    public override bool IsValid(object? value) => value is null || (value is string s && IPAddress.TryParse(s, out _));
}
