namespace EdgeGateway.Tests.Fixtures;

/// <summary>
/// LLRP byte vectors assembled by hand from the LLRP 1.0.1 §16 layouts (one line per header, field or
/// parameter), plus the real Impinj capture from ../shared/vectors.
/// </summary>
public static class LlrpVectors
{
    /// <summary>The shared captures live beside the repository (../shared/vectors), as in CI.</summary>
    public static string CapturePath => RepositoryFiles.Path("../shared/vectors/llrp/impinj-get-reader-capabilities-response.bin");

    public const string Sgtin96Example = "3034257BF7194E4000001A85";

    /// <summary>SGTIN-198 of GTIN 80614141123458, filter 3, serial "32a/b", padded to 200 bits.</summary>
    public const string Sgtin198Example = "3674257BF7194E59B2C2BF1000000000000000000000000000";

    public static byte[] Hex(params string[] parts) =>
        Convert.FromHexString(string.Concat(parts).Replace(" ", string.Empty, StringComparison.Ordinal));

    public static byte[] Keepalive { get; } = Hex(
        "043E",       // version 1, type 62 KEEPALIVE
        "0000000A",   // length 10
        "00001234");  // message id

    public static byte[] ConnectionAttemptSuccess { get; } = ConnectionAttempt("0000");

    public static byte[] ConnectionAttemptRefused { get; } = ConnectionAttempt("0002");

    private static byte[] ConnectionAttempt(string status) => Hex(
        "043F", "00000020", "00000000",       // READER_EVENT_NOTIFICATION, 32 bytes, id 0
        "00F6 0016",                          // ReaderEventNotificationData, 22 bytes
        "0080 000C 00060A24181E4000",         // UTCTimestamp 1700000000000000 us
        "0100 0006", status);                 // ConnectionAttemptEvent: status

    public static byte[] ErrorMessage { get; } = Hex(
        "0464", "0000002D", "0000002A",       // ERROR_MESSAGE, 45 bytes, id 42
        "011F 0023",                          // LLRPStatus, 35 bytes
        "0065",                               // StatusCode 101 M_FieldError
        "000B 62616420616E74656E6E61",        // ErrorDescription "bad antenna"
        "0121 0010 00B7 00C9",                // ParameterError: AISpec (183), P_FieldError (201)
        "0120 0008 0001 012D");               // FieldError: field 1, A_OutOfRange (301)

    /// <summary>Two tags as our reader-side encoder writes them: EPC-96 with UTC times, EPCData (SGTIN-198) with uptimes.</summary>
    public static string[] TwoTagReportParts { get; } =
    [
        "00F0 0030",                          // TagReportData, 48 bytes
        "8D " + Sgtin96Example,               // EPC-96
        "89 00000001",                        // ROSpecID 1
        "81 0001",                            // AntennaID 1
        "86 CC",                              // PeakRSSI -52 dBm
        "82 00060A24181E4000",                // FirstSeenTimestampUTC
        "84 00060A241825E120",                // LastSeenTimestampUTC (+0.5 s)
        "88 0003",                            // TagSeenCount 3
        "00F0 003D",                          // TagReportData, 61 bytes
        "00F1 001F 00C6 " + Sgtin198Example,  // EPCData, 198 bits in 25 bytes
        "81 0002",                            // AntennaID 2
        "86 C4",                              // PeakRSSI -60 dBm
        "83 0000000000989680",                // FirstSeenTimestampUptime 10 s
        "85 0000000000A037A0",                // LastSeenTimestampUptime 10.5 s
        "88 0001",                            // TagSeenCount 1
    ];

    public static byte[] TwoTagReport { get; } = Hex(["043D", "00000077", "00000007", .. TwoTagReportParts]);

    /// <summary>Three tags plus a Custom parameter inside a TagReportData and an unknown TLV at report level.</summary>
    public static byte[] ThreeTagReport { get; } = Hex(
    [
        "043D", "000000AA", "00000007",       // RO_ACCESS_REPORT, 170 bytes, id 7
        .. TwoTagReportParts,
        "00F0 002D",                          // TagReportData, 45 bytes
        "00F1 0016 0080 E280116060000209F1A2B3C4D5E6F708", // EPCData, 128 bits (not an SGTIN)
        "81 0001",                            // AntennaID 1
        "86 B5",                              // PeakRSSI -75 dBm
        "03FF 000E 0000651A 00000032 0102",   // Custom (1023): Impinj, subtype 50: skipped by length
        "0384 0006 ABCD",                     // unknown TLV 900: skipped by length
    ]);

    /// <summary>ADD_ROSPEC for ROSpec 1 over antennas 1 and 2, reporting every tag (message id 5).</summary>
    public static byte[] AddRoSpec { get; } = Hex(
        "0414", "0000004D", "00000005",       // ADD_ROSPEC, 77 bytes, id 5
        "00B1 0043 00000001 00 00",           // ROSpec, 67 bytes: id 1, priority 0, Disabled
        "00B2 0012",                          // ROBoundarySpec, 18 bytes
        "00B3 0005 00",                       // ROSpecStartTrigger: Null
        "00B6 0009 00 00000000",              // ROSpecStopTrigger: Null, duration 0
        "00B7 001A 0002 0001 0002",           // AISpec, 26 bytes: antennas 1, 2
        "00B8 0009 00 00000000",              // AISpecStopTrigger: Null
        "00BA 0007 0001 01",                  // InventoryParameterSpec 1, EPCGlobal C1G2
        "00ED 000D 02 0001",                  // ROReportSpec: Upon_N_Tags_Or_End_Of_ROSpec, N = 1
        "00EE 0006 9780");                    // TagReportContentSelector
}
