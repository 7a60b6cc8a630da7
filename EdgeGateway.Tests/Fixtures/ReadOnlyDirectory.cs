using System.Diagnostics;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>
/// A directory the test process cannot write to, even as root: root ignores file modes, so as root it is a
/// read-only tmpfs mount (remounted read-write by <see cref="MakeWritable"/>); otherwise mode 0555.
/// </summary>
public sealed class ReadOnlyDirectory : IDisposable
{
    private readonly bool _mounted;

    private ReadOnlyDirectory(string path, bool mounted)
    {
        Path = path;
        _mounted = mounted;
    }

    public string Path { get; }

    public static ReadOnlyDirectory Create(string path)
    {
        Directory.CreateDirectory(path);
        if (Environment.UserName == "root")
        {
            Run("mount", "-t", "tmpfs", "-o", "ro,size=16m", "tmpfs", path);
            return new ReadOnlyDirectory(path, mounted: true);
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return new ReadOnlyDirectory(path, mounted: false);
    }

    public void MakeWritable()
    {
        if (_mounted)
        {
            Run("mount", "-o", "remount,rw", Path);
        }
        else
        {
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public void Dispose()
    {
        if (_mounted)
        {
            Run("umount", "-l", Path);
        }
        else
        {
            MakeWritable();
        }
    }

    private static void Run(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {error}");
        }
    }
}
