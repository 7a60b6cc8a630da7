namespace EdgeGateway.Tests.Fixtures;

/// <summary>
/// A data disk as a gateway has one: ext4 in an image file on a loop device, mounted with <c>errors=remount-ro</c>.
/// <see cref="FailWithIoError"/> goes through the kernel's own error path (ext4's trigger_fs_error), which remounts
/// it read-only under the running daemon, as a failing SD card does; <see cref="Repair"/> is what the technician does
/// then (unmount, e2fsck, mount again). Needs root and loop devices; the test is skipped without them.
/// </summary>
public sealed class DeviceFaultExt4 : IDisposable
{
    private readonly string _image;

    private DeviceFaultExt4(string image, string path)
    {
        _image = image;
        Path = path;
    }

    public string Path { get; }

    /// <summary>True once the kernel has made the file system read-only.</summary>
    public bool IsReadOnly => DeviceFaultCommand.Check("findmnt", "-no", "OPTIONS", Path).Split(',').Any(o => o is "ro" or "emergency_ro");

    public static DeviceFaultExt4 Mount(string image, string path, int sizeMiB)
    {
        if (Environment.UserName != "root")
        {
            Assert.Skip("mounting a file system needs root (CI runs the tests as root)");
        }

        Directory.CreateDirectory(path);
        using (var file = File.Create(image))
        {
            file.SetLength(sizeMiB * 1024L * 1024);
        }

        var (made, mkfs) = DeviceFaultCommand.Run("mkfs.ext4", "-q", "-F", image);
        var (mounted, mount) = made == 0 ? DeviceFaultCommand.Run("mount", "-o", "loop,errors=remount-ro", image, path) : (made, mkfs);
        if (mounted != 0)
        {
            Assert.Skip($"no ext4 on a loop device here ({mkfs} {mount}); the read-only-under-the-daemon case needs one");
        }

        return new DeviceFaultExt4(image, path);
    }

    /// <summary>Reports an error on the file system as ext4 does on an I/O error; with errors=remount-ro it becomes read-only at once.</summary>
    public void FailWithIoError()
    {
        var device = System.IO.Path.GetFileName(DeviceFaultCommand.Check("findmnt", "-no", "SOURCE", Path));
        File.WriteAllText($"/sys/fs/ext4/{device}/trigger_fs_error", "edgegw fault suite");
    }

    /// <summary>Unmounts the failed file system, checks and repairs it (e2fsck -fy) and mounts it again at the same path.</summary>
    public void Repair()
    {
        DeviceFaultCommand.Unmount(Path);
        var (checkedExit, output) = DeviceFaultCommand.Run("e2fsck", "-fy", _image);

        // e2fsck: 0 clean, 1 errors corrected, 2 corrected and a reboot advised; 4 and above, not repaired.
        if (checkedExit >= 4)
        {
            throw new InvalidOperationException($"e2fsck {_image} failed ({checkedExit}): {output}");
        }

        DeviceFaultCommand.Check("mount", "-o", "loop,errors=remount-ro", _image, Path);
    }

    public void Dispose() => DeviceFaultCommand.Unmount(Path);
}
