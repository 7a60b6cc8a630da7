using EdgeGateway.Tests.Alarms;
using EdgeGateway.Tests.Outbox;

namespace EdgeGateway.Tests;

/// <summary>
/// The test assembly's entry point: the xunit runner, or, with <c>--outbox-crash-child DIR</c>, the child
/// process that <see cref="OutboxCrashTests"/> kills with SIGKILL while it appends (and with
/// <c>--active-alarm-crash-child DIR</c>, the one <see cref="ActiveAlarmStoreRestoreTests"/> kills while alarms change).
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 2 && args[0] == OutboxCrashChild.Flag)
        {
            return OutboxCrashChild.RunAsync(args[1]).GetAwaiter().GetResult();
        }

        if (args.Length == 2 && args[0] == ActiveAlarmCrashChild.Flag)
        {
            return ActiveAlarmCrashChild.RunAsync(args[1]).GetAwaiter().GetResult();
        }

        if (args.Any(arg => arg is "--server" or "--internal-msbuild-node"))
        {
            return Xunit.MicrosoftTestingPlatform.TestPlatformTestFramework.RunAsync(args, SelfRegisteredExtensions.AddSelfRegisteredExtensions).GetAwaiter().GetResult();
        }

        return Xunit.Runner.InProc.SystemConsole.ConsoleRunner.Run(args).GetAwaiter().GetResult();
    }
}
