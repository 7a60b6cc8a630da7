using System.ComponentModel.DataAnnotations;

namespace EdgeGateway.Configuration;

/// <summary>The Unix socket the CLI talks to (design.md §4.3).</summary>
public sealed class AdminOptions
{
    [Required(ErrorMessage = "is required")]
    [AbsolutePath]
    [UnixSocketPath]
    public string SocketPath { get; set; } = "/run/edgegw/admin.sock";

    /// <summary>Besides root and the daemon's own user, members of this group may use the socket.</summary>
    [RegularExpression("^[a-z_][a-z0-9_-]{0,31}$", ErrorMessage = "must be a Unix group name")]
    public string Group { get; set; } = "edgegw";
}
