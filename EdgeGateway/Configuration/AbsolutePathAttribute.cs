using System.ComponentModel.DataAnnotations;

namespace EdgeGateway.Configuration;

/// <summary>A path that must be absolute: a daemon's working directory is not something to rely on.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AbsolutePathAttribute : ValidationAttribute
{
    public AbsolutePathAttribute()
        : base("must be an absolute path")
    {
    }

    public override bool IsValid(object? value) => value is null || (value is string s && Path.IsPathFullyQualified(s));
}
