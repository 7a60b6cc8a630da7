using System.Globalization;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>
/// A small tmpfs mounted as a daemon's data dir (needs root, as CI runs the tests): filled to the last byte by a
/// ballast file and freed again, or remounted read-only and read-write. Unmounted on dispose, lazily if busy.
/// </summary>
public sealed class DeviceFaultTmpfs : IDisposable
{
    private DeviceFaultTmpfs(string path) => Path = path;

    public string Path { get; }

    public string Ballast => System.IO.Path.Combine(Path, "ballast");

    /// <summary>Bytes a file may still take (statvfs f_bavail).</summary>
    public long FreeBytes => new DriveInfo(Path).AvailableFreeSpace;

    /// <summary>Mounts a tmpfs of <paramref name="sizeBytes"/> at <paramref name="path"/>; skips the test unless it runs as root.</summary>
    public static DeviceFaultTmpfs Mount(string path, long sizeBytes, bool readOnly = false)
    {
        if (Environment.UserName != "root")
        {
            Assert.Skip("mounting a file system needs root (CI runs the tests as root)");
        }

        Directory.CreateDirectory(path);
        var options = string.Create(CultureInfo.InvariantCulture, $"{(readOnly ? "ro" : "rw")},size={sizeBytes},mode=0755");
        DeviceFaultCommand.Check("mount", "-t", "tmpfs", "-o", options, "edgegw-test", path);
        return new DeviceFaultTmpfs(path);
    }

    /// <summary>Writes the ballast file until the file system refuses (ENOSPC); returns its size.</summary>
    public long FillWithBallast()
    {
        var chunk = new byte[64 * 1024];
        using var ballast = new FileStream(Ballast, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
        try
        {
            while (true)
            {
                ballast.Write(chunk);
            }
        }
        catch (IOException)
        {
            // Full: the last chunk went in partly or not at all.
        }

        return ballast.Length;
    }

    public void RemoveBallast() => File.Delete(Ballast);

    public void Remount(bool readOnly) => DeviceFaultCommand.Check("mount", "-o", readOnly ? "remount,ro" : "remount,rw", Path);

    public void Dispose() => DeviceFaultCommand.Unmount(Path);
}
