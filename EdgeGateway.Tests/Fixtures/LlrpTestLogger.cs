using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>Keeps every log line (event id and formatted text) so tests can assert what a technician would read.</summary>
public sealed class LlrpTestLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(int EventId, LogLevel Level, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        Entries.Enqueue((eventId.Id, logLevel, formatter(state, exception)));
    }

    public IReadOnlyList<string> Messages(int eventId) => Entries.Where(e => e.EventId == eventId).Select(e => e.Message).ToList();
}
