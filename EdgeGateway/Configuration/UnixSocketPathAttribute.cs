using System.ComponentModel.DataAnnotations;
using System.Text;

namespace EdgeGateway.Configuration;

/// <summary>
/// A path a Unix domain socket can be bound at: sockaddr_un.sun_path holds 108 bytes including the terminating NUL
/// (unix(7)), and a path ending in '/' names a directory. Caught here, a wrong path is a config error with its path
/// instead of the daemon stopping at start with a stack trace.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class UnixSocketPathAttribute : ValidationAttribute
{
    public const int MaxBytes = 107;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        if (value is not string { Length: > 0 } path)
        {
            return ValidationResult.Success;
        }

        var bytes = Encoding.UTF8.GetByteCount(path);
        var problem = bytes > MaxBytes ? $"must be at most {MaxBytes} bytes long (the limit of a Unix socket path), not {bytes}"
            : path.EndsWith('/') ? "must name the socket file, not a directory"
            : null;
        return problem is null ? ValidationResult.Success : new ValidationResult(problem, validationContext.MemberName is { } member ? [member] : null);
    }
}
