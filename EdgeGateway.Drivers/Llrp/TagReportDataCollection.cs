using System.Collections;

namespace EdgeGateway.Drivers.Llrp;

/// <summary>
/// The TagReportData of one RO_ACCESS_REPORT, decoded lazily from the report's buffer. The report was
/// validated completely when it was decoded, so enumeration cannot fail; foreach uses the struct
/// enumerator and allocates nothing per tag.
/// </summary>
public readonly struct TagReportDataCollection : IEnumerable<TagReportData>
{
    private readonly ReadOnlyMemory<byte> _body;

    internal TagReportDataCollection(ReadOnlyMemory<byte> body) => _body = body;

    public Enumerator GetEnumerator() => new(_body);

    IEnumerator<TagReportData> IEnumerable<TagReportData>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public struct Enumerator : IEnumerator<TagReportData>
    {
        private readonly ReadOnlyMemory<byte> _body;
        private int _position;

        internal Enumerator(ReadOnlyMemory<byte> body)
        {
            _body = body;
            _position = 0;
            Current = default;
        }

        public TagReportData Current { get; private set; }

        readonly object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            while (_position < _body.Length)
            {
                var reader = new LlrpParameterReader(_body.Span[_position..]);
                if (!reader.TryRead(out var parameter))
                {
                    _position = _body.Length;
                    return false;
                }

                var valueStart = _position + parameter.Offset;
                var valueLength = parameter.Value.Length;
                _position = valueStart + valueLength;
                if (!parameter.IsTv && parameter.Known == LlrpParameterType.TagReportData
                    && LlrpMessageDecoder.DecodeTagReportData(_body.Slice(valueStart, valueLength), out var tag) == LlrpRejectReason.None)
                {
                    Current = tag;
                    return true;
                }
            }

            return false;
        }

        public void Reset()
        {
            _position = 0;
            Current = default;
        }

        public readonly void Dispose()
        {
        }
    }
}
