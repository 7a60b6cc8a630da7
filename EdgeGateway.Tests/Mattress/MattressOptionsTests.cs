using System.ComponentModel.DataAnnotations;
using System.IO.Ports;
using EdgeGateway.Drivers.Mattress;

namespace EdgeGateway.Tests.Mattress;

public sealed class MattressOptionsTests
{
    [Fact]
    public void The_defaults_need_only_a_port()
    {
        var options = new MattressOptions();
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));

        Assert.Equal([("Port", "is required")], results.Select(r => (r.MemberNames.Single(), r.ErrorMessage)));
        Assert.Equal((115_200, Parity.None, 8, StopBits.One), (options.Baud, options.Parity, options.DataBits, options.StopBits));
    }

    [Fact]
    public void Cross_field_rules_name_the_offending_member()
    {
        var options = new MattressOptions { Port = "/dev/ttyUSB0", StopBits = StopBits.None, ReconnectInitialDelayMs = 5000, ReconnectMaxDelayMs = 1000 };

        var results = options.Validate(new ValidationContext(options)).ToList();

        Assert.Equal(
            [("StopBits", "must be One, OnePointFive or Two"), ("ReconnectMaxDelayMs", "must not be less than reconnectInitialDelayMs")],
            results.Select(r => (r.MemberNames.Single(), r.ErrorMessage)));
    }
}
