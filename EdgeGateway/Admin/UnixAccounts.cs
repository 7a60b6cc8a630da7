using System.Globalization;

namespace EdgeGateway.Admin;

/// <summary>The few account facts the admin socket needs, read from /proc and /etc/group.</summary>
public static class UnixAccounts
{
    /// <summary>This process's effective uid.</summary>
    public static uint EffectiveUid()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        var fields = line["Uid:".Length..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return uint.Parse(fields[1], CultureInfo.InvariantCulture);
    }

    /// <summary>A user for the record: <c>nurse (uid 1000)</c>, or just the uid when /etc/passwd does not name it.</summary>
    public static string Describe(uint uid)
    {
        var text = uid.ToString(CultureInfo.InvariantCulture);
        var name = File.Exists("/etc/passwd")
            ? File.ReadLines("/etc/passwd").Select(l => l.Split(':')).FirstOrDefault(f => f.Length >= 3 && f[2] == text)?[0]
            : null;
        return name is null ? $"uid {text}" : $"{name} (uid {text})";
    }

    /// <summary>The gid of a group by name, or null when the group does not exist.</summary>
    public static uint? GroupId(string name)
    {
        if (!File.Exists("/etc/group"))
        {
            return null;
        }

        foreach (var line in File.ReadLines("/etc/group"))
        {
            var fields = line.Split(':');
            if (fields.Length >= 3 && fields[0] == name && uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
            {
                return gid;
            }
        }

        return null;
    }
}
