namespace EdgeGateway.Drivers.Modbus;

/// <summary>
/// Where the bytes of a 32-bit value sit in two consecutive registers, as vendors document it: A is the
/// most significant byte, listed in wire order. The Application Protocol (§4.2) only fixes big-endian
/// bytes within one register; the order of the two words is the device's choice. For 16-bit types,
/// BADC and DCBA mean the two bytes of the register are swapped.
/// </summary>
public enum WordOrder
{
    /// <summary>Big-endian words, high word first (the "Modbus" order).</summary>
    ABCD,

    /// <summary>Big-endian words, low word first (word swap).</summary>
    CDAB,

    /// <summary>Byte-swapped words, high word first.</summary>
    BADC,

    /// <summary>Fully little-endian.</summary>
    DCBA,
}
