using System.Diagnostics.Metrics;

namespace TekUp.Security.Auditing.Internal;

/// <summary>The audit trail's instruments on the <c>TekUp.Security</c> meter.</summary>
internal sealed class AuditMetrics : IDisposable
{
    public const string MeterName = "TekUp.Security";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;

    public AuditMetrics(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        Appended = _meter.CreateCounter<long>("tekup.security.audit.appended", "{entry}", "Audit entries stored.");
        BatchSize = _meter.CreateHistogram<int>("tekup.security.audit.batch_size", "{entry}", "Entries per stored audit batch.");
        Conflicts = _meter.CreateCounter<long>("tekup.security.audit.chain_conflicts", "{conflict}", "Batches re-chained because another writer extended the chain first.");
        StoreFailures = _meter.CreateCounter<long>("tekup.security.audit.store_failures", "{failure}", "Failed attempts to store an audit batch.");
    }

    public Meter Meter => _meter;

    public Counter<long> Appended { get; }

    public Histogram<int> BatchSize { get; }

    public Counter<long> Conflicts { get; }

    public Counter<long> StoreFailures { get; }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
