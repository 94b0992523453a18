using System.Collections.Frozen;

namespace TekUp.Security.Rbac.Internal;

/// <summary>
/// The immutable, indexed form of everything one principal's roles grant and deny: (resource, action) maps to the
/// candidate permissions, denies first. Wildcards are merged into every entry at compile time, so a check is two
/// dictionary lookups and a short loop. Shared by all threads; replaced, never changed.
/// </summary>
internal sealed class CompiledPermissionSet
{
    private readonly FrozenDictionary<string, ResourceEntry> _resources;
    private readonly ResourceEntry _anyResource;

    public CompiledPermissionSet(
        FrozenDictionary<string, ResourceEntry> resources,
        ResourceEntry anyResource,
        AccessDecision noMatch,
        IReadOnlyList<EffectivePermission> effective)
    {
        _resources = resources;
        _anyResource = anyResource;
        NoMatch = noMatch;
        Effective = effective;
    }

    /// <summary>The default-deny decision of this principal.</summary>
    public AccessDecision NoMatch { get; }

    public IReadOnlyList<EffectivePermission> Effective { get; }

    /// <summary>The cache's tick count when a check last used the set; for eviction. Written racily: it is only a hint.</summary>
    public long LastUsed;

    public Candidate[] Find(string resource, string action)
    {
        if (!_resources.TryGetValue(resource, out var entry))
        {
            entry = _anyResource;
        }

        return entry.Actions.TryGetValue(action, out var candidates) ? candidates : entry.AnyAction;
    }

    /// <summary>
    /// Decides. Any deny that applies wins; else any allow whose conditions all hold; else the default deny, explained by
    /// the first allow that failed. A deny applies unless one of its conditions definitely does not hold (unknown or
    /// failing conditions count as holding); an allow applies only if all of its conditions hold. The outcome does not
    /// depend on the order of roles or permissions. <paramref name="fault"/> is the first exception a condition threw.
    /// </summary>
    public AccessDecision Evaluate(string resource, string action, ref EvaluationInput input, out Exception? fault)
    {
        fault = null;
        var candidates = Find(resource, action);
        AccessDecision? failedAllow = null;
        foreach (var candidate in candidates)
        {
            if (candidate.IsDeny)
            {
                if (DenyApplies(candidate, ref input, ref fault, out var denial))
                {
                    return denial;
                }
            }
            else if (AllowApplies(candidate, ref input, ref fault, ref failedAllow))
            {
                return candidate.Decision;
            }
        }

        return failedAllow ?? NoMatch;
    }

    private static bool DenyApplies(Candidate candidate, ref EvaluationInput input, ref Exception? fault, out AccessDecision decision)
    {
        decision = candidate.Decision;
        var conditions = candidate.Conditions;
        for (var i = 0; i < conditions.Length; i++)
        {
            if (!TryEvaluate(conditions[i], ref input, ref fault, out var result))
            {
                if (decision.Reason != AccessDecisionReason.EvaluationError)
                {
                    decision = candidate.Errors[i];
                }
            }
            else if (result == ConditionResult.NotSatisfied)
            {
                return false;
            }
            else if (result == ConditionResult.Unknown && decision == candidate.Decision)
            {
                decision = candidate.Unknown[i];
            }
        }

        return true;
    }

    private static bool AllowApplies(Candidate candidate, ref EvaluationInput input, ref Exception? fault, ref AccessDecision? failedAllow)
    {
        var conditions = candidate.Conditions;
        for (var i = 0; i < conditions.Length; i++)
        {
            if (!TryEvaluate(conditions[i], ref input, ref fault, out var result))
            {
                if (failedAllow is null || failedAllow.Reason != AccessDecisionReason.EvaluationError)
                {
                    failedAllow = candidate.Errors[i];
                }

                return false;
            }

            if (result != ConditionResult.Satisfied)
            {
                failedAllow ??= result == ConditionResult.Unknown ? candidate.Unknown[i] : candidate.NotSatisfied[i];
                return false;
            }
        }

        return true;
    }

    /// <summary>Evaluates a condition; <see langword="false"/> (with the first fault kept) when it throws.</summary>
    private static bool TryEvaluate(CompiledCondition condition, ref EvaluationInput input, ref Exception? fault, out ConditionResult result)
    {
        try
        {
            result = condition.Evaluate(ref input);
            return true;
        }
#pragma warning disable CA1031 // Any fault in a condition must deny, never escape or allow.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            fault ??= ex;
            result = ConditionResult.Unknown;
            return false;
        }
    }
}

/// <summary>The candidates of one resource: per known action (wildcards merged in), and for any other action.</summary>
internal sealed class ResourceEntry(FrozenDictionary<string, Candidate[]> actions, Candidate[] anyAction)
{
    public FrozenDictionary<string, Candidate[]> Actions { get; } = actions;

    public Candidate[] AnyAction { get; } = anyAction;
}
