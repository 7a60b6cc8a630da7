using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EdgeGateway.Drivers.Modbus;

/// <summary>
/// Modbus-specific counters beside <see cref="DriverMetrics"/>: exception responses by their named code, so a
/// technician sees IllegalDataAddress (a wrong register map) apart from ServerDeviceBusy.
/// </summary>
public sealed class ModbusMetrics
{
    private readonly Counter<long> _exceptions;

    public ModbusMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(DriverMetrics.MeterName);
        _exceptions = meter.CreateCounter<long>("edgegw.modbus.exceptions", "{response}", "Modbus exception responses, by device and exception code");
    }

    public void ExceptionResponse(string deviceId, ModbusExceptionCode code)
    {
        var tags = new TagList { { "device", deviceId }, { "code", code.ToString() } };
        _exceptions.Add(1, tags);
    }
}
