using Microsoft.Extensions.Logging;

namespace TekUp.Security.Demo;

/// <summary>
/// Prints the SDK's warnings (such as the generated-master-key warning) in the story's own voice, synchronously,
/// so they appear where they happen instead of interleaved by the console logger's background queue.
/// </summary>
internal sealed class NarratorLoggerProvider(Narrator narrator) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new NarratorLogger(narrator, categoryName);

    public void Dispose()
    {
    }

    private sealed class NarratorLogger(Narrator narrator, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var source = category[(category.LastIndexOf('.') + 1)..];
                narrator.Warn($"{logLevel} from {source}: {formatter(state, exception)}");
            }
        }
    }
}
