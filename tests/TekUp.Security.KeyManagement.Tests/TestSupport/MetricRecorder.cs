using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace TekUp.Security.KeyManagement.Tests.TestSupport;

/// <summary>Sums the counters of one service provider's meter factory (so parallel tests do not mix).</summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new();

    public MetricRecorder(IMeterFactory scope)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, scope))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value));
        _listener.Start();
    }

    public long Total(string instrument) => _totals.GetValueOrDefault(instrument);

    public void Dispose() => _listener.Dispose();
}
