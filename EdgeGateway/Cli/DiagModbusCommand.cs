using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using EdgeGateway.Drivers.Modbus;

namespace EdgeGateway.Cli;

/// <summary>
/// <c>edgegw diag modbus (--tcp HOST:PORT | --rtu PORT [--baud N] [--parity P]) --unit N --read ADDR [--count N]
/// [--function 3|4] [--type T [--order O]] [--timeout 1s] [--json]</c>: one read, raw registers and decoded values,
/// or the exception, timeout or transport error. Exit 0 on values, 1 on any failure, 2 on bad arguments.
/// </summary>
internal static class DiagModbusCommand
{
    public static Command Create()
    {
        var tcp = new Option<string?>("--tcp") { Description = "Modbus TCP server as HOST:PORT (e.g. 192.168.1.20:502)", HelpName = "HOST:PORT" };
        var rtu = new Option<string?>("--rtu") { Description = "Serial port of the RS-485 line for Modbus RTU (e.g. /dev/ttyUSB0)", HelpName = "PORT" };
        var baud = new Option<int>("--baud") { Description = "RTU baud rate", DefaultValueFactory = _ => 19200 };
        var parity = new Option<SerialParity>("--parity") { Description = "RTU parity: even (the Modbus default), odd or none", DefaultValueFactory = _ => SerialParity.Even };
        var unit = new Option<int>("--unit") { Description = "Unit id (slave address), 0..255", Required = true };
        var read = new Option<int>("--read") { Description = "First register address, 0..65535 (protocol address, not 4xxxx numbering)", Required = true, HelpName = "ADDR" };
        var count = new Option<int>("--count") { Description = $"Registers to read, 1..{ModbusPdu.MaxReadQuantity}", DefaultValueFactory = _ => 1 };
        var function = new Option<int>("--function") { Description = "3 (read holding registers) or 4 (read input registers)", DefaultValueFactory = _ => 3 };
        var type = new Option<RegisterType?>("--type") { Description = "Also decode the registers as consecutive values: int16, uint16, int32, uint32, float32" };
        var order = new Option<WordOrder>("--order") { Description = "Byte/word order of 32-bit values: ABCD, CDAB, BADC, DCBA", DefaultValueFactory = _ => WordOrder.ABCD };
        var timeout = new Option<TimeSpan>("--timeout")
        {
            Description = "How long to wait for the connection and for the answer (e.g. 500ms, 2s)",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(1),
            CustomParser = result => DurationParser.Parse(result) ?? TimeSpan.Zero,
        };
        var json = CliOptions.Json();
        var command = new Command("modbus", "Read registers once from a Modbus TCP or RTU device and show raw and decoded values")
        {
            tcp, rtu, baud, parity, unit, read, count, function, type, order, timeout, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Checked here rather than in a parser validator, where options' defaults are not yet applied.
            var problems = new List<string>();
            var line = (parse.GetValue(tcp), parse.GetValue(rtu));
            if (line is (null, null) or (not null, not null))
            {
                problems.Add("give exactly one of --tcp HOST:PORT or --rtu PORT");
            }
            else if (line.Item1 is { } endPoint && !ModbusTcpTransport.TryParseEndPoint(endPoint, out _))
            {
                problems.Add($"--tcp '{endPoint}' is not HOST:PORT (e.g. 127.0.0.1:502)");
            }

            if (line.Item2 is null && (Given(parse, baud) || Given(parse, parity)))
            {
                problems.Add("--baud and --parity set up a serial line: use them with --rtu");
            }

            if (parse.GetValue(baud) is < 1200 or > 921_600)
            {
                problems.Add("--baud must be 1200..921600");
            }

            if (parse.GetValue(unit) is < 0 or > 255)
            {
                problems.Add("--unit must be 0..255");
            }

            if (parse.GetValue(read) is < 0 or > ushort.MaxValue)
            {
                problems.Add("--read must be 0..65535");
            }

            var registers = parse.GetValue(count);
            if (registers is < 1 or > ModbusPdu.MaxReadQuantity)
            {
                problems.Add($"--count must be 1..{ModbusPdu.MaxReadQuantity}");
            }
            else if (parse.GetValue(read) + registers > ushort.MaxValue + 1)
            {
                problems.Add("--read + --count runs past register 65535");
            }
            else if (parse.GetValue(type) is { } decoded && registers % RegisterCodec.RegisterCount(decoded) != 0)
            {
                problems.Add($"--count {registers} is not a whole number of {Name(decoded)} values ({RegisterCodec.RegisterCount(decoded)} registers each)");
            }

            if (parse.GetValue(function) is not (3 or 4))
            {
                problems.Add("--function must be 3 (holding registers) or 4 (input registers)");
            }

            if (Given(parse, order) && parse.GetValue(type) is null)
            {
                problems.Add("--order says how to decode: use it with --type");
            }

            if (parse.GetValue(timeout) <= TimeSpan.Zero)
            {
                problems.Add("--timeout must be positive (e.g. 500ms, 2s)");
            }

            if (problems.Count > 0)
            {
                await WriteUsageErrorsAsync("modbus", problems);
                return ExitCodes.InvalidConfig;
            }

            var request = new ModbusProbeRequest
            {
                Tcp = parse.GetValue(tcp),
                Rtu = parse.GetValue(rtu) is { } port ? new ModbusRtuOptions { Port = port, Baud = parse.GetValue(baud), Parity = parse.GetValue(parity) } : null,
                UnitId = (byte)parse.GetValue(unit),
                Function = (ModbusFunction)parse.GetValue(function),
                Address = (ushort)parse.GetValue(read),
                Count = (ushort)parse.GetValue(count),
                Type = parse.GetValue(type),
                WordOrder = parse.GetValue(order),
                Timeout = parse.GetValue(timeout),
            };
            var result = await ModbusProbe.ReadAsync(request, TimeProvider.System, cancellationToken);
            if (parse.GetValue(json))
            {
                WriteJson(request, result);
            }
            else
            {
                WriteText(request, result);
            }

            return result.Outcome == ModbusProbeOutcome.Ok ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    private static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    /// <summary>Prints what to fix in the arguments of <c>edgegw diag {command}</c> (exit code 2 follows).</summary>
    internal static async Task WriteUsageErrorsAsync(string command, IReadOnlyList<string> problems)
    {
        foreach (var problem in problems)
        {
            await Console.Error.WriteLineAsync($"edgegw diag {command}: {problem}");
        }

        await Console.Error.WriteLineAsync($"edgegw diag {command}: see 'edgegw diag {command} --help'");
    }

    private static string Name(RegisterType type) => type.ToString().ToLowerInvariant();

    private static string Line(ModbusProbeRequest request) => request.Rtu is { } rtu
        ? $"rtu {rtu.Port} {rtu.Baud} {rtu.Parity.ToString().ToLowerInvariant()}"
        : $"tcp {request.Tcp}";

    private static string Outcome(ModbusProbeOutcome outcome) => outcome switch
    {
        ModbusProbeOutcome.Ok => "ok",
        ModbusProbeOutcome.Exception => "exception",
        ModbusProbeOutcome.Timeout => "timeout",
        ModbusProbeOutcome.Rejected => "rejected",
        _ => "transport_error",
    };

    /// <summary>What a technician does about each exception code (Modbus Application Protocol V1.1b3 §7).</summary>
    private static string Hint(ModbusExceptionCode code) => code switch
    {
        ModbusExceptionCode.IllegalFunction => "the unit does not support this function: try --function 4 (or 3)",
        ModbusExceptionCode.IllegalDataAddress => "no such register range on this unit: check --read and --count against its register map",
        ModbusExceptionCode.IllegalDataValue => "the unit refused the request's values: try a smaller --count",
        ModbusExceptionCode.ServerDeviceFailure => "the unit failed internally: check the transmitter itself",
        ModbusExceptionCode.Acknowledge or ModbusExceptionCode.ServerDeviceBusy => "the unit is busy: try again shortly",
        ModbusExceptionCode.GatewayPathUnavailable or ModbusExceptionCode.GatewayTargetFailedToRespond => "the TCP gateway could not reach the unit: check --unit and the RS-485 side of the gateway",
        _ => "see the unit's manual",
    };

    /// <summary>Decoded values at the precision of their type: a float32 prints as the float it is (123.456, not 123.45600128173828).</summary>
    private static string Format(double value, RegisterType type) => type == RegisterType.Float32
        ? ((float)value).ToString(CultureInfo.InvariantCulture)
        : value.ToString(CultureInfo.InvariantCulture);

    private static void WriteText(ModbusProbeRequest request, ModbusProbeResult result)
    {
        var function = request.Function == ModbusFunction.ReadHoldingRegisters ? "03 read holding registers" : "04 read input registers";
        Console.WriteLine($"{Line(request)} unit {request.UnitId}, function {function}, address {request.Address}, count {request.Count}: {Outcome(result.Outcome).Replace('_', ' ')} in {result.Elapsed.TotalMilliseconds:0} ms");
        switch (result.Outcome)
        {
            case ModbusProbeOutcome.Ok:
                Console.WriteLine("address  hex     decimal");
                for (var i = 0; i < result.Registers.Count; i++)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{request.Address + i,7}  0x{result.Registers[i]:X4}  {result.Registers[i],7}"));
                }

                if (request.Type is { } type)
                {
                    var width = RegisterCodec.RegisterCount(type);
                    Console.WriteLine($"{Name(type)}{(width == 2 ? $" {request.WordOrder}" : "")}:");
                    for (var i = 0; i < result.Values.Count; i++)
                    {
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{request.Address + (i * width),7}  {Format(result.Values[i], type)}"));
                    }
                }

                break;
            case ModbusProbeOutcome.Exception when result.ExceptionCode is { } code:
                Console.WriteLine($"exception {(byte)code:X2} {code}: {Hint(code)}");
                break;
            case ModbusProbeOutcome.Timeout:
                Console.WriteLine($"no answer: {result.Error} (check --unit, the wiring and the line settings, or raise --timeout)");
                break;
            default:
                Console.WriteLine($"{Outcome(result.Outcome).Replace('_', ' ')}: {result.Error}");
                break;
        }
    }

    private static void WriteJson(ModbusProbeRequest request, ModbusProbeResult result)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("outcome", Outcome(result.Outcome));
            writer.WriteString("line", Line(request));
            writer.WriteNumber("unit", request.UnitId);
            writer.WriteNumber("function", (byte)request.Function);
            writer.WriteNumber("address", request.Address);
            writer.WriteNumber("count", request.Count);
            writer.WriteStartArray("registers");
            foreach (var register in result.Registers)
            {
                writer.WriteNumberValue(register);
            }

            writer.WriteEndArray();
            if (request.Type is { } type)
            {
                writer.WriteString("type", Name(type));
                writer.WriteString("order", request.WordOrder.ToString());
                writer.WriteStartArray("values");
                foreach (var value in result.Values)
                {
                    if (type == RegisterType.Float32)
                    {
                        writer.WriteNumberValue((float)value);
                    }
                    else
                    {
                        writer.WriteNumberValue(value);
                    }
                }

                writer.WriteEndArray();
            }

            if (result.ExceptionCode is { } code)
            {
                writer.WriteNumber("exceptionCode", (byte)code);
                writer.WriteString("exception", code.ToString());
            }

            if (result.Error is { } error)
            {
                writer.WriteString("error", error);
            }

            writer.WriteNumber("elapsedMs", Math.Round(result.Elapsed.TotalMilliseconds, 1));
            writer.WriteEndObject();
        }

        stdout.WriteByte((byte)'\n');
    }
}
