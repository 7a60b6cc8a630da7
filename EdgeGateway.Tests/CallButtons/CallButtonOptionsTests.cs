using System.ComponentModel.DataAnnotations;
using EdgeGateway.Drivers.CallButtons;

namespace EdgeGateway.Tests.CallButtons;

public sealed class CallButtonOptionsTests
{
    [Fact]
    public void A_cancel_line_equal_to_the_call_line_is_refused_with_its_member_name()
    {
        var options = new CallButtonOptions { Line = 17, CancelLine = 17, DebounceMs = 0 };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));

        Assert.Equal(
            [("DebounceMs", "must be 1..1000")],
            results.Where(r => r.MemberNames.Contains("DebounceMs")).Select(r => (r.MemberNames.Single(), r.ErrorMessage)));
        var cancel = new List<ValidationResult>(options.Validate(new ValidationContext(options)));
        Assert.Equal([("CancelLine", "must differ from line")], cancel.Select(r => (r.MemberNames.Single(), r.ErrorMessage)));
    }
}
