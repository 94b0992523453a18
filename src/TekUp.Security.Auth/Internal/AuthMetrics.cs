using System.Diagnostics.Metrics;

namespace TekUp.Security.Auth.Internal;

/// <summary>Metrics of the pipeline on the <c>TekUp.Security</c> meter: successes are counted here, not audited.</summary>
internal static class AuthMetrics
{
    private static readonly Meter Meter = new("TekUp.Security");

    private static readonly Counter<long> Attempts = Meter.CreateCounter<long>(
        "tekup.auth.attempts", unit: "{attempt}", description: "Authentication attempts by result (reason code, or none for success).");

    private static readonly Counter<long> KeyCacheMisses = Meter.CreateCounter<long>(
        "tekup.auth.key_cache.misses", unit: "{lookup}", description: "API key lookups that went to the store.");

    public static void Attempt(string reasonCode) => Attempts.Add(1, new KeyValuePair<string, object?>("result", reasonCode));

    public static void KeyCacheMiss() => KeyCacheMisses.Add(1);
}
