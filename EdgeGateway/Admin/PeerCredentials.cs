using System.Net.Sockets;

namespace EdgeGateway.Admin;

/// <summary>
/// Who is on the other end of a Unix socket (SO_PEERCRED, SO_PEERGROUPS), and whether they may administer the
/// gateway: root, the daemon's own user, or a member of the admin group (primary or supplementary). The groups
/// come from the kernel with the socket, so this works under systemd's ProtectProc=invisible too.
/// </summary>
public sealed record PeerCredentials(int Pid, uint Uid, uint Gid, IReadOnlySet<uint> Groups)
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;
    private const int SoPeerGroups = 59;
    private const int MaxGroups = 1024;

    public static PeerCredentials Of(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        Span<byte> ucred = stackalloc byte[12];
        socket.GetRawSocketOption(SolSocket, SoPeerCred, ucred);
        Span<byte> groups = stackalloc byte[MaxGroups * sizeof(uint)];
        var length = socket.GetRawSocketOption(SolSocket, SoPeerGroups, groups);
        var set = new HashSet<uint>();
        for (var offset = 0; offset + sizeof(uint) <= length; offset += sizeof(uint))
        {
            set.Add(BitConverter.ToUInt32(groups[offset..]));
        }

        return new PeerCredentials(
            BitConverter.ToInt32(ucred[..4]),
            BitConverter.ToUInt32(ucred[4..8]),
            BitConverter.ToUInt32(ucred[8..12]),
            set);
    }

    public bool MayAdminister(uint ownUid, uint? adminGid) =>
        Uid == 0 || Uid == ownUid || (adminGid is { } gid && (Gid == gid || Groups.Contains(gid)));
}
