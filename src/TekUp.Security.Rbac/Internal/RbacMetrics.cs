using System.Diagnostics.Metrics;

namespace TekUp.Security.Rbac.Internal;

/// <summary>Counters on the <c>TekUp.Security</c> meter. Adding to a counter nobody listens to costs a flag check.</summary>
internal static class RbacMetrics
{
    private static readonly Meter Meter = new("TekUp.Security");

    private static readonly Counter<long> Decisions = Meter.CreateCounter<long>(
        "tekup.security.rbac.decisions", unit: "{decision}", description: "Permission checks, tagged with the decision's reason code.");

    private static readonly Counter<long> Compilations = Meter.CreateCounter<long>(
        "tekup.security.rbac.compilations", unit: "{set}", description: "Permission sets compiled (cache misses).");

    public static void Decided(AccessDecision decision)
    {
        if (Decisions.Enabled)
        {
            Decisions.Add(1, new KeyValuePair<string, object?>("reason", decision.ReasonCode));
        }
    }

    public static void Compiled() => Compilations.Add(1);
}
