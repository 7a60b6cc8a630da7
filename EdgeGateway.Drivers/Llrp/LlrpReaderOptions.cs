using System.ComponentModel.DataAnnotations;

namespace EdgeGateway.Drivers.Llrp;

/// <summary>Configuration of one LLRP reader (config <c>devices[i].llrp</c>).</summary>
public sealed class LlrpReaderOptions : IValidatableObject
{
    /// <summary>The well-known LLRP port (LLRP 1.0.1 §18.1).</summary>
    public const int DefaultPort = 5084;

    [Required(ErrorMessage = "is required")]
    public string Host { get; set; } = string.Empty;

    [Range(1, 65535, ErrorMessage = "must be 1..65535")]
    public int Port { get; set; } = DefaultPort;

    /// <summary>Antenna ids the inventory runs on (1-based, as the reader numbers them).</summary>
    public List<int> Antennas { get; set; } = [1];

    /// <summary>The ROSpec id this gateway owns on the reader; all ROSpecs are deleted at connect.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "must be 1..2147483647")]
    public int RoSpecId { get; set; } = 1;

    /// <summary>How often the reader sends KEEPALIVE (SET_READER_CONFIG KeepaliveSpec).</summary>
    [Range(100, 3_600_000, ErrorMessage = "must be 100..3600000")]
    public int KeepaliveIntervalMs { get; set; } = 10_000;

    /// <summary>The connection is declared dead after this many keepalive intervals without a KEEPALIVE.</summary>
    [Range(2, 100, ErrorMessage = "must be 2..100")]
    public int MissedKeepalivesBeforeOffline { get; set; } = 3;

    /// <summary>The reader sends an RO_ACCESS_REPORT every N tag observations (ROReportSpec N).</summary>
    [Range(1, 65535, ErrorMessage = "must be 1..65535")]
    public int ReportEveryNTags { get; set; } = 1;

    [Range(100, 600_000, ErrorMessage = "must be 100..600000")]
    public int ConnectTimeoutMs { get; set; } = 5_000;

    /// <summary>How long to wait for the reader's answer to each request of the session set-up.</summary>
    [Range(100, 600_000, ErrorMessage = "must be 100..600000")]
    public int ResponseTimeoutMs { get; set; } = 5_000;

    /// <summary>First reconnect delay; doubles (with jitter) on each failed attempt up to <see cref="ReconnectMaxDelayMs"/>.</summary>
    [Range(10, 600_000, ErrorMessage = "must be 10..600000")]
    public int ReconnectMinDelayMs { get; set; } = 1_000;

    [Range(10, 3_600_000, ErrorMessage = "must be 10..3600000")]
    public int ReconnectMaxDelayMs { get; set; } = 60_000;

    /// <summary>Largest message accepted; a longer header length means the stream lost its framing.</summary>
    [Range(1024, 16 * 1024 * 1024, ErrorMessage = "must be 1024..16777216")]
    public int MaxMessageBytes { get; set; } = LlrpFrameReader.DefaultMaxMessageLength;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Antennas is null || Antennas.Count == 0)
        {
            yield return new ValidationResult("must list at least one antenna", [nameof(Antennas)]);
        }
        else if (Antennas.Exists(a => a is < 1 or > 65535))
        {
            yield return new ValidationResult("antenna ids must be 1..65535", [nameof(Antennas)]);
        }

        if (ReconnectMaxDelayMs < ReconnectMinDelayMs)
        {
            yield return new ValidationResult("must be at least reconnectMinDelayMs", [nameof(ReconnectMaxDelayMs)]);
        }
    }

    internal RoSpecDefinition ToRoSpec() =>
        new((uint)RoSpecId, Antennas.ConvertAll(a => (ushort)a), (ushort)ReportEveryNTags);
}
