namespace EdgeGateway.Drivers.Llrp;

/// <summary>LLRP 1.0.1 ConnectionAttemptEvent status: whether the reader accepted this client's connection.</summary>
public enum ConnectionAttemptStatus : ushort
{
    Success = 0,
    FailedReaderInitiatedConnectionAlreadyExists = 1,
    FailedClientInitiatedConnectionAlreadyExists = 2,
    FailedReasonOtherThanConnectionAlreadyExists = 3,
    AnotherConnectionAttempted = 4,
}
