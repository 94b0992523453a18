using System.Diagnostics.Metrics;
using TekUp.Security.DataClasses;

namespace TekUp.Security.KeyManagement.Internal;

/// <summary>
/// Counters on the meter <c>TekUp.Security</c>. Cache hits are counted here and never written to the audit trail
/// (an audit entry per hit would drown the trail). Tags: <c>tekup.data_class</c> only (tenant ids would make the
/// cardinality unbounded).
/// </summary>
internal sealed class KeyManagementMetrics : IDisposable
{
    public const string MeterName = "TekUp.Security";
    public const string DataClassTag = "tekup.data_class";

    private static readonly object?[] ClassNames = [null, "general", "personal", "financial", "health"];

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _hits;
    private readonly Counter<long> _misses;
    private readonly Counter<long> _loads;
    private readonly Counter<long> _generated;
    private readonly Counter<long> _evictions;
    private readonly Counter<long> _refusals;

    public KeyManagementMetrics(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _hits = _meter.CreateCounter<long>("tekup.keys.cache.hits", "{lookup}", "Data-key lookups served from the in-memory cache.");
        _misses = _meter.CreateCounter<long>("tekup.keys.cache.misses", "{lookup}", "Data-key lookups that went to the store.");
        _loads = _meter.CreateCounter<long>("tekup.keys.loads", "{key}", "Data keys unwrapped from the store.");
        _generated = _meter.CreateCounter<long>("tekup.keys.generated", "{key}", "Data keys generated.");
        _evictions = _meter.CreateCounter<long>("tekup.keys.cache.evictions", "{key}", "Data keys dropped from the cache (expired, over capacity, rotated, revoked or destroyed).");
        _refusals = _meter.CreateCounter<long>("tekup.keys.refusals", "{lookup}", "Data-key lookups refused: unknown for the tenant, revoked or destroyed.");
    }

    public void Hit(DataClass dataClass) => _hits.Add(1, Tag(dataClass));

    public void Miss(DataClass dataClass) => _misses.Add(1, Tag(dataClass));

    public void Loaded(DataClass dataClass) => _loads.Add(1, Tag(dataClass));

    public void Generated(DataClass dataClass) => _generated.Add(1, Tag(dataClass));

    public void Evicted(DataClass dataClass) => _evictions.Add(1, Tag(dataClass));

    public void Refused(DataClass dataClass) => _refusals.Add(1, Tag(dataClass));

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static KeyValuePair<string, object?> Tag(DataClass dataClass) =>
        new(DataClassTag, (uint)dataClass < (uint)ClassNames.Length ? ClassNames[(int)dataClass] : null);
}
