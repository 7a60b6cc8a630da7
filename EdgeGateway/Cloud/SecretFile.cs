namespace EdgeGateway.Cloud;

/// <summary>
/// Reads a secret (password, key) from a file such as a systemd credential. A file that others may read
/// is refused: the secret would already be leaked.
/// </summary>
public static class SecretFile
{
    public static string Read(string path)
    {
        EnsurePrivate(path);
        return File.ReadAllText(path).TrimEnd('\r', '\n');
    }

    /// <summary>Refuses a secret file (password, private key) that others may read or write.</summary>
    public static void EnsurePrivate(string path)
    {
        var mode = File.GetUnixFileMode(path);
        if ((mode & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
        {
            throw new InvalidOperationException($"secret file {path} is readable by others (mode {ModeText(mode)}): chmod 600 it, or use systemd LoadCredential");
        }
    }

    private static string ModeText(UnixFileMode mode) => Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');
}
