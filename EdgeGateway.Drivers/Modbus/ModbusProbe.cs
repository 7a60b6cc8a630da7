using System.Net.Sockets;

namespace EdgeGateway.Drivers.Modbus;

/// <summary>One read on a Modbus line for <c>edgegw diag modbus</c>; reports, never prints.</summary>
public static class ModbusProbe
{
    /// <summary>Connects, reads once, disconnects. Only an invalid request or cancellation throws.</summary>
    public static async Task<ModbusProbeResult> ReadAsync(ModbusProbeRequest request, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if ((request.Tcp is null) == (request.Rtu is null))
        {
            throw new ArgumentException("exactly one of --tcp or --rtu is required", nameof(request));
        }

        if (request.Function is not (ModbusFunction.ReadHoldingRegisters or ModbusFunction.ReadInputRegisters))
        {
            throw new ArgumentException("the probe reads with function 3 or 4", nameof(request));
        }

        if (request.Count is 0 or > ModbusPdu.MaxReadQuantity)
        {
            throw new ArgumentException($"--count must be 1..{ModbusPdu.MaxReadQuantity}", nameof(request));
        }

        IModbusTransport transport;
        if (request.Rtu is { } rtu)
        {
            transport = new ModbusRtuTransport(rtu, timeProvider);
        }
        else if (ModbusTcpTransport.TryParseEndPoint(request.Tcp, out var endPoint))
        {
            transport = new ModbusTcpTransport(endPoint, timeProvider);
        }
        else
        {
            throw new ArgumentException($"--tcp '{request.Tcp}' is not host:port", nameof(request));
        }

        await using (transport.ConfigureAwait(false))
        {
            return await ReadAsync(request, transport, timeProvider, cancellationToken);
        }
    }

    internal static async Task<ModbusProbeResult> ReadAsync(ModbusProbeRequest request, IModbusTransport transport, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        ModbusProbeResult Result(ModbusProbeOutcome outcome, ushort[] registers, ModbusExceptionCode? code, string? error) =>
            new(outcome, registers, Decode(request, registers), code, error, timeProvider.GetElapsedTime(started));

        try
        {
            using var connectDeadline = new CancellationTokenSource(request.Timeout, timeProvider);
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connectDeadline.Token);
            try
            {
                await transport.ConnectAsync(connectTimeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Result(ModbusProbeOutcome.TransportError, [], null, $"could not connect within {request.Timeout.TotalMilliseconds:0} ms");
            }

            var registers = new ushort[request.Count];
            await new ModbusMaster(transport).ReadRegistersAsync(request.UnitId, request.Function, request.Address, registers, request.Timeout, cancellationToken);
            return Result(ModbusProbeOutcome.Ok, registers, null, null);
        }
        catch (ModbusException ex)
        {
            return Result(ModbusProbeOutcome.Exception, [], ex.Code, ex.Message);
        }
        catch (ModbusTimeoutException ex)
        {
            return Result(ModbusProbeOutcome.Timeout, [], null, ex.Message);
        }
        catch (ModbusFrameException ex)
        {
            return Result(ModbusProbeOutcome.Rejected, [], null, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or SocketException or UnauthorizedAccessException)
        {
            return Result(ModbusProbeOutcome.TransportError, [], null, ex.Message);
        }
    }

    private static double[] Decode(ModbusProbeRequest request, ushort[] registers)
    {
        if (request.Type is not { } type || registers.Length == 0)
        {
            return [];
        }

        var width = RegisterCodec.RegisterCount(type);
        var values = new double[registers.Length / width];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = RegisterCodec.Decode(registers.AsSpan(i * width), type, request.WordOrder);
        }

        return values;
    }
}
