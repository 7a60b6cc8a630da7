using BenchmarkDotNet.Attributes;
using EdgeGateway.Drivers.Modbus;

namespace EdgeGateway.Benchmarks.Modbus;

/// <summary>
/// The master's hot path per poll: encode a request ADU, decode the RTU response frame (CRC included),
/// check the PDU against the request and decode a float32 register pair. Target: zero allocations.
/// </summary>
[MemoryDiagnoser]
public class RtuDecodeBenchmarks
{
    private static readonly ModbusRequest Request = ModbusRequest.ReadHoldingRegisters(0, 10);
    private readonly byte[] _response = new byte[ModbusRtuCodec.MaxAduLength];
    private readonly byte[] _requestAdu = new byte[ModbusRtuCodec.MaxAduLength];
    private int _responseLength;

    [GlobalSetup]
    public void Setup()
    {
        Span<byte> pdu = stackalloc byte[ModbusPdu.MaxLength];
        Span<ushort> registers = stackalloc ushort[10];
        for (var i = 0; i < registers.Length; i += 2)
        {
            RegisterCodec.Encode(400.25 + i, RegisterType.Float32, WordOrder.ABCD, registers[i..]);
        }

        var pduLength = ModbusPdu.EncodeReadResponse(ModbusFunction.ReadHoldingRegisters, registers, pdu);
        _responseLength = ModbusRtuCodec.Encode(1, pdu[..pduLength], _response);
    }

    [Benchmark]
    public int EncodeRequest()
    {
        Span<byte> pdu = stackalloc byte[8];
        var length = ModbusPdu.EncodeRequest(Request, pdu);
        return ModbusRtuCodec.Encode(1, pdu[..length], _requestAdu);
    }

    [Benchmark]
    public double DecodeResponseAndFloat()
    {
        _ = ModbusRtuCodec.DecodeResponse(_response.AsSpan(0, _responseLength), out _, out var pdu, out _);
        _ = ModbusPdu.DecodeResponse(pdu, Request, out var data, out _);
        Span<ushort> registers = stackalloc ushort[10];
        ModbusPdu.ReadRegisters(data, registers);
        return RegisterCodec.Decode(registers, RegisterType.Float32, WordOrder.ABCD);
    }
}
