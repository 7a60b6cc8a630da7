namespace EdgeGateway.Drivers.Modbus;

/// <summary>
/// The reads one poll of a device makes: points of the same function whose registers fit in one request
/// (at most 125, Application Protocol V1.1b3 §6.3) are merged, so a device with a few neighbouring points
/// costs one round trip on a shared line.
/// </summary>
internal sealed class ModbusPollPlan
{
    private ModbusPollPlan(IReadOnlyList<ModbusReadBlock> blocks) => Blocks = blocks;

    public IReadOnlyList<ModbusReadBlock> Blocks { get; }

    public static ModbusPollPlan For(IReadOnlyList<ModbusPointOptions> points)
    {
        var blocks = new List<ModbusReadBlock>();
        var indices = Enumerable.Range(0, points.Count);
        foreach (var byFunction in indices.GroupBy(i => points[i].Function).OrderBy(g => g.Key))
        {
            var function = (ModbusFunction)byFunction.Key;
            var current = new List<int>();
            var start = 0;
            var end = 0;
            foreach (var index in byFunction.OrderBy(i => points[i].Address))
            {
                var point = points[index];
                var pointEnd = point.Address + RegisterCodec.RegisterCount(point.Type);
                if (current.Count > 0 && Math.Max(end, pointEnd) - start > ModbusPdu.MaxReadQuantity)
                {
                    blocks.Add(new ModbusReadBlock(function, (ushort)start, (ushort)(end - start), current));
                    current = [];
                }

                if (current.Count == 0)
                {
                    start = point.Address;
                    end = pointEnd;
                }

                end = Math.Max(end, pointEnd);
                current.Add(index);
            }

            blocks.Add(new ModbusReadBlock(function, (ushort)start, (ushort)(end - start), current));
        }

        return new ModbusPollPlan(blocks);
    }
}
