using System.Diagnostics;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>
/// The launcher that runs a command under systemd's <c>MemoryDenyWriteExecute=yes</c> without systemd
/// (Fixtures/Native/mdwe.c, compiled once per test run with the C compiler the Native AOT publish needs).
/// </summary>
public static class MemoryDenyWriteExecute
{
    private static readonly Lazy<string> Launcher = new(Compile);

    /// <summary>The two forms systemd applies: the <c>PR_SET_MDWE</c> prctl and its seccomp filter.</summary>
    public static TheoryData<string> Modes => ["prctl", "seccomp"];

    /// <summary>The launcher's command line for <paramref name="mode"/>, to put before the command it restricts.</summary>
    public static IReadOnlyList<string> Under(string mode) => [Launcher.Value, mode];

    private static string Compile()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Native", "mdwe.c");
        var output = Path.Combine(Directory.CreateTempSubdirectory("edgegw-mdwe-").FullName, "mdwe");
        foreach (var compiler in new[] { "cc", "clang", "gcc" })
        {
            try
            {
                using var build = Process.Start(new ProcessStartInfo(compiler, ["-O2", "-o", output, source]) { RedirectStandardError = true })!;
                var errors = build.StandardError.ReadToEnd();
                build.WaitForExit();
                return build.ExitCode == 0 ? output : throw new InvalidOperationException($"{compiler} could not build {source}:\n{errors}");
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed: try the next one.
            }
        }

        throw new InvalidOperationException("no C compiler (cc, clang, gcc): install clang, as test.sh does for the Native AOT publish");
    }
}
