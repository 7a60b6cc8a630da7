using System.CommandLine;

namespace EdgeGateway.Cli;

/// <summary>Options several commands share.</summary>
internal static class CliOptions
{
    public const string DefaultConfigPath = "/etc/edgegw/edgegw.json";
    public const string DefaultSocketPath = "/run/edgegw/admin.sock";

    public static Option<bool> Json() => new("--json") { Description = "Print JSON for scripts instead of tables" };

    public static Option<string> Socket() => new("--socket")
    {
        Description = "Admin socket of the running daemon",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("EDGEGW_ADMIN_SOCKET") ?? DefaultSocketPath,
    };
}
