namespace EdgeGateway.Drivers.Epc;

/// <summary>The EPC binary schemes this gateway decodes; anything else is reported raw with its header.</summary>
public enum EpcScheme
{
    Raw,
    Sgtin96,
    Sgtin198,
}
