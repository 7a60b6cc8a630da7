using EdgeGateway.Drivers.Modbus;

namespace EdgeGateway.Tests.Modbus;

public sealed class ModbusPduTests
{
    [Fact]
    public void Encodes_the_spec_requests_of_the_four_functions()
    {
        Assert.Equal([0x03, 0x00, 0x6B, 0x00, 0x03], Encode(ModbusRequest.ReadHoldingRegisters(0x6B, 3)));
        Assert.Equal([0x04, 0x00, 0x08, 0x00, 0x01], Encode(ModbusRequest.ReadInputRegisters(0x08, 1)));
        Assert.Equal([0x06, 0x00, 0x01, 0x00, 0x03], Encode(ModbusRequest.WriteSingleRegister(0x01, 0x03)));
        Assert.Equal([0x10, 0x00, 0x01, 0x00, 0x02, 0x04, 0x00, 0x0A, 0x01, 0x02], Encode(ModbusRequest.WriteMultipleRegisters(0x01, new ushort[] { 0x000A, 0x0102 })));
    }

    [Fact]
    public void Decodes_the_spec_responses_of_the_four_functions()
    {
        Assert.Equal(ModbusPduStatus.Ok, ModbusPdu.DecodeResponse([0x04, 0x02, 0x00, 0x0A], ModbusRequest.ReadInputRegisters(0x08, 1), out var data, out _));
        Assert.Equal([0x00, 0x0A], data.ToArray());
        Assert.Equal(ModbusPduStatus.Ok, ModbusPdu.DecodeResponse([0x06, 0x00, 0x01, 0x00, 0x03], ModbusRequest.WriteSingleRegister(0x01, 0x03), out _, out _));
        Assert.Equal(ModbusPduStatus.Ok, ModbusPdu.DecodeResponse([0x10, 0x00, 0x01, 0x00, 0x02], ModbusRequest.WriteMultipleRegisters(0x01, new ushort[] { 0x000A, 0x0102 }), out _, out _));
    }

    [Theory]
    [InlineData(0x01, ModbusExceptionCode.IllegalFunction)]
    [InlineData(0x02, ModbusExceptionCode.IllegalDataAddress)]
    [InlineData(0x03, ModbusExceptionCode.IllegalDataValue)]
    [InlineData(0x04, ModbusExceptionCode.ServerDeviceFailure)]
    [InlineData(0x05, ModbusExceptionCode.Acknowledge)]
    [InlineData(0x06, ModbusExceptionCode.ServerDeviceBusy)]
    [InlineData(0x08, ModbusExceptionCode.MemoryParityError)]
    [InlineData(0x0A, ModbusExceptionCode.GatewayPathUnavailable)]
    [InlineData(0x0B, ModbusExceptionCode.GatewayTargetFailedToRespond)]
    public void Every_exception_code_decodes_to_its_name(byte code, ModbusExceptionCode expected)
    {
        var status = ModbusPdu.DecodeResponse([0x83, code], ModbusRequest.ReadHoldingRegisters(0, 1), out _, out var decoded);

        Assert.Equal(ModbusPduStatus.Exception, status);
        Assert.Equal(expected, decoded);
    }

    [Theory]
    [InlineData(new byte[] { 0x04, 0x02, 0x00, 0x0A })]
    [InlineData(new byte[] { 0x03, 0x04, 0x00, 0x0A, 0x00, 0x0B })]
    [InlineData(new byte[] { 0x03, 0x02, 0x00 })]
    [InlineData(new byte[] { 0x84, 0x02 })]
    public void A_response_that_does_not_answer_the_request_is_malformed(byte[] pdu) =>
        Assert.Equal(ModbusPduStatus.Malformed, ModbusPdu.DecodeResponse(pdu, ModbusRequest.ReadHoldingRegisters(0, 1), out _, out _));

    [Theory]
    [InlineData(new byte[] { 0x2B, 0x0E, 0x01, 0x00 }, ModbusExceptionCode.IllegalFunction)]
    [InlineData(new byte[] { 0x03, 0x00, 0x00, 0x00, 0x7E }, ModbusExceptionCode.IllegalDataValue)]
    [InlineData(new byte[] { 0x04, 0x00, 0x00, 0x00, 0x00 }, ModbusExceptionCode.IllegalDataValue)]
    [InlineData(new byte[] { 0x10, 0x00, 0x01, 0x00, 0x02, 0x03, 0x00, 0x0A, 0x01 }, ModbusExceptionCode.IllegalDataValue)]
    public void The_slave_side_names_the_exception_a_bad_request_earns(byte[] pdu, ModbusExceptionCode expected)
    {
        Assert.Equal(ModbusPduStatus.Exception, ModbusPdu.DecodeRequest(pdu, out _, out var code));
        Assert.Equal(expected, code);
    }

    [Fact]
    public void The_slave_side_encodes_the_spec_responses()
    {
        var buffer = new byte[ModbusPdu.MaxLength];

        Assert.Equal([0x03, 0x06, 0x02, 0x2B, 0x00, 0x00, 0x00, 0x64], buffer[..ModbusPdu.EncodeReadResponse(ModbusFunction.ReadHoldingRegisters, [555, 0, 100], buffer)]);
        Assert.Equal([0x10, 0x00, 0x01, 0x00, 0x02], buffer[..ModbusPdu.EncodeWriteResponse(ModbusFunction.WriteMultipleRegisters, 1, 2, buffer)]);
        Assert.Equal([0x84, 0x02], buffer[..ModbusPdu.EncodeException(0x04, ModbusExceptionCode.IllegalDataAddress, buffer)]);
    }

    [Fact]
    public void The_slave_side_decodes_write_multiple_values()
    {
        Assert.Equal(ModbusPduStatus.Ok, ModbusPdu.DecodeRequest([0x10, 0x00, 0x01, 0x00, 0x02, 0x04, 0x00, 0x0A, 0x01, 0x02], out var request, out _));

        Assert.Equal((ModbusFunction.WriteMultipleRegisters, (ushort)1, (ushort)2), (request.Function, request.Address, request.Quantity));
        Assert.Equal([0x000A, 0x0102], request.Values.ToArray());
    }

    private static byte[] Encode(ModbusRequest request)
    {
        var buffer = new byte[ModbusPdu.MaxLength];
        return buffer[..ModbusPdu.EncodeRequest(request, buffer)];
    }
}
