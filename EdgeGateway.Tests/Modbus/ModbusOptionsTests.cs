using System.ComponentModel.DataAnnotations;
using EdgeGateway.Drivers.Modbus;

namespace EdgeGateway.Tests.Modbus;

public sealed class ModbusOptionsTests
{
    [Fact]
    public void A_valid_pressure_device_has_no_errors()
    {
        var options = PressureOptions();

        Assert.Empty(Validate(options));
        Assert.Empty(options.ValidateProfile(ModbusDevice.PressureType));
    }

    [Fact]
    public void Property_rules_name_their_member_with_a_message_without_the_path()
    {
        var options = PressureOptions();
        options.UnitId = 248;
        options.PollIntervalMs = 5;

        var errors = Validate(options);

        Assert.Contains(errors, e => e.MemberNames.SequenceEqual(["UnitId"]) && e.ErrorMessage == "must be 1..247");
        Assert.Contains(errors, e => e.MemberNames.SequenceEqual(["PollIntervalMs"]) && e.ErrorMessage == "must be at least 10");
    }

    [Fact]
    public void Exactly_one_of_tcp_or_rtu_is_required_and_tcp_must_be_host_and_port()
    {
        var neither = PressureOptions();
        neither.Tcp = null;
        var badTcp = PressureOptions();
        badTcp.Tcp = "plc.local";

        Assert.Contains(Validate(neither), e => e.ErrorMessage == "exactly one of tcp or rtu is required");
        Assert.Contains(Validate(badTcp), e => e.MemberNames.SequenceEqual(["Tcp"]) && e.ErrorMessage == "must be host:port with port 1..65535");
    }

    [Fact]
    public void Point_rules_cover_function_name_and_the_last_register()
    {
        var point = new ModbusPointOptions { Name = "Bad-Name", Function = 6, Unit = "kPa" };
        var pastTheEnd = new ModbusPointOptions { Name = "p", Address = 65535, Type = RegisterType.Float32, Unit = "kPa" };

        var errors = Validate(point);

        Assert.Contains(errors, e => e.MemberNames.SequenceEqual(["Function"]) && e.ErrorMessage == "must be 3 or 4");
        Assert.Contains(errors, e => e.MemberNames.SequenceEqual(["Name"]) && e.ErrorMessage == "must be a camelCase name of letters and digits");
        var last = Assert.Single(Validate(pastTheEnd));
        Assert.Equal(["Address"], last.MemberNames);
        Assert.Equal("a Float32 at 65535 runs past register 65535", last.ErrorMessage);
    }

    [Fact]
    public void A_pressure_profile_needs_a_pressure_unit_and_a_range_for_4_to_20_mA()
    {
        var wrongUnit = PressureOptions();
        wrongUnit.Points[0].Unit = "degC";
        var loop = PressureOptions();
        loop.Points[0].Unit = "mA";

        Assert.Equal("must be one of kPa, bar, psi, MPa, mA", Assert.Single(wrongUnit.ValidateProfile("pressure")).ErrorMessage);
        var missingRange = Assert.Single(loop.ValidateProfile("pressure"));
        Assert.Equal(["points[0].rangeMaxKpa"], missingRange.MemberNames);
        Assert.Empty(wrongUnit.ValidateProfile("flow"));
    }

    [Fact]
    public void Devices_sharing_a_port_must_agree_on_serial_settings_and_unit_ids()
    {
        ModbusDevice[] devices =
        [
            new("a", "pressure", new ModbusDeviceOptions { Rtu = new ModbusRtuOptions { Port = "/dev/ttyUSB0", Baud = 19200 }, UnitId = 1 }),
            new("b", "pressure", new ModbusDeviceOptions { Rtu = new ModbusRtuOptions { Port = "/dev/ttyUSB0", Baud = 9600 }, UnitId = 1 }),
            new("c", "pressure", new ModbusDeviceOptions { Tcp = "127.0.0.1:502", UnitId = 1 }),
        ];

        var errors = ModbusLines.Validate(devices);
        var lines = ModbusLines.Group(devices);

        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal("b", e.DeviceId));
        Assert.Equal("unit id 1 is already used by 'a' on rtu:/dev/ttyUSB0", errors[0].Error.ErrorMessage);
        Assert.Equal([["a", "b"], ["c"]], lines.Select(l => l.Select(d => d.Id).ToArray()).ToArray());
    }

    [Fact]
    public void Neighbouring_points_of_one_function_are_read_in_one_request()
    {
        List<ModbusPointOptions> points =
        [
            new() { Name = "a", Address = 10, Type = RegisterType.Float32, Unit = "kPa" },
            new() { Name = "b", Address = 0, Type = RegisterType.Int16, Unit = "degC" },
            new() { Name = "c", Address = 200, Type = RegisterType.UInt16, Unit = "count" },
            new() { Name = "d", Function = 4, Address = 5, Type = RegisterType.UInt32, Unit = "count" },
        ];

        var blocks = ModbusPollPlan.For(points).Blocks;

        Assert.Equal(
            [(ModbusFunction.ReadHoldingRegisters, 0, 12, "b,a"), (ModbusFunction.ReadHoldingRegisters, 200, 1, "c"), (ModbusFunction.ReadInputRegisters, 5, 2, "d")],
            blocks.Select(b => (b.Function, (int)b.Address, (int)b.Count, string.Join(",", b.PointIndices.Select(i => points[i].Name)))));
    }

    [Fact]
    public void Field_names_join_point_name_and_unit()
    {
        Assert.Equal("temperatureDegC", new ModbusPointOptions { Name = "temperature", Unit = "degC" }.FieldName);
        Assert.Equal("levelPct", new ModbusPointOptions { Name = "level", Unit = "%" }.FieldName);
        Assert.Equal("flowM3h", new ModbusPointOptions { Name = "flow", Unit = "m3/h" }.FieldName);
    }

    [Fact]
    public void Pressure_reading_writes_pressureKpa()
    {
        var reading = new PressureReading("p1", DateTimeOffset.UnixEpoch, 412.5);

        Assert.Equal("pressure", reading.ReadingType);
        Assert.Equal("""{"pressureKpa":412.5}""", ModbusLineDriverTests.Json(reading));
    }

    private static ModbusDeviceOptions PressureOptions() => new()
    {
        Tcp = "127.0.0.1:502",
        UnitId = 1,
        Points = [new ModbusPointOptions { Name = "pressure", Unit = "kPa" }],
    };

    private static List<ValidationResult> Validate(object options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
