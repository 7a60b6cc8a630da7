using System.Globalization;
using System.Net.Sockets;

namespace EdgeGateway.Admin;

/// <summary>
/// Who is on the other end of a Unix socket (SO_PEERCRED), and whether they may administer the gateway:
/// root, the daemon's own user, or a member of the admin group (primary or supplementary).
/// </summary>
public sealed record PeerCredentials(int Pid, uint Uid, uint Gid)
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    public static PeerCredentials Of(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        Span<byte> ucred = stackalloc byte[12];
        socket.GetRawSocketOption(SolSocket, SoPeerCred, ucred);
        return new PeerCredentials(
            BitConverter.ToInt32(ucred[..4]),
            BitConverter.ToUInt32(ucred[4..8]),
            BitConverter.ToUInt32(ucred[8..12]));
    }

    public bool MayAdminister(uint ownUid, uint? adminGid) =>
        Uid == 0 || Uid == ownUid || (adminGid is { } gid && (Gid == gid || SupplementaryGroups().Contains(gid)));

    /// <summary>The peer's supplementary groups, from /proc (the kernel's view at this moment).</summary>
    private HashSet<uint> SupplementaryGroups()
    {
        var groups = new HashSet<uint>();
        try
        {
            var line = File.ReadLines($"/proc/{Pid.ToString(CultureInfo.InvariantCulture)}/status").FirstOrDefault(l => l.StartsWith("Groups:", StringComparison.Ordinal));
            foreach (var part in (line?["Groups:".Length..] ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                if (uint.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
                {
                    groups.Add(gid);
                }
            }
        }
        catch (IOException)
        {
            // The peer exited: it has no groups left to grant it anything.
        }

        return groups;
    }
}
