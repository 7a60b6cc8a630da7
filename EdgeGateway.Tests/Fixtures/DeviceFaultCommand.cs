using System.Diagnostics;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>Runs the system tools the fault suite needs (mount, umount, mkfs.ext4, e2fsck) and reports how they ended.</summary>
internal static class DeviceFaultCommand
{
    public static (int ExitCode, string Output) Run(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, (output + error.Result).Trim());
    }

    /// <summary>Runs the tool and fails with its output unless it exits 0.</summary>
    public static string Check(string file, params string[] arguments)
    {
        var (exitCode, output) = Run(file, arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({exitCode}): {output}");
        }

        return output;
    }

    /// <summary>Unmounts <paramref name="path"/>; if something still holds it, detaches it lazily (the kernel finishes when it lets go).</summary>
    public static void Unmount(string path)
    {
        if (Run("umount", path).ExitCode != 0)
        {
            Run("umount", "-l", path);
        }
    }
}
