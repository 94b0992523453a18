namespace TekUp.Security.Rbac.Internal;

/// <summary>
/// One permission of one role the principal holds, prepared for evaluation with every decision it can produce built in
/// advance, so that evaluating it never allocates.
/// </summary>
internal sealed class Candidate
{
    public Candidate(Permission permission, string roleId, IReadOnlyList<string> rolePath, CompiledCondition[] conditions)
    {
        Permission = permission;
        IsDeny = permission.Effect != PermissionEffect.Allow;
        Conditions = conditions;
        var where = $"'{permission}' of role '{roleId}' {Explanations.Via(rolePath)}";
        Decision = IsDeny
            ? new AccessDecision(AccessDecisionReason.ExplicitDeny, $"Denied by {where}; a deny beats any allow.", roleId, rolePath, permission)
            : new AccessDecision(AccessDecisionReason.Allowed, $"Allowed by {where}.", roleId, rolePath, permission);

        NotSatisfied = new AccessDecision[conditions.Length];
        Unknown = new AccessDecision[conditions.Length];
        Errors = new AccessDecision[conditions.Length];
        for (var i = 0; i < conditions.Length; i++)
        {
            var condition = conditions[i];
            var text = condition.Description;
            Errors[i] = new AccessDecision(
                AccessDecisionReason.EvaluationError,
                IsDeny
                    ? $"Denied: evaluating '{text}' of {where} failed, and a deny whose condition fails applies."
                    : $"Denied: evaluating '{text}' of {where} failed, and a condition that fails never allows.",
                roleId,
                rolePath,
                permission,
                condition.Source);
            Unknown[i] = IsDeny
                ? new AccessDecision(AccessDecisionReason.ExplicitDeny, $"Denied by {where}: '{text}' could not be evaluated ({condition.UnknownText}), and a deny fails closed.", roleId, rolePath, permission, condition.Source)
                : new AccessDecision(AccessDecisionReason.ConditionNotMet, $"Denied: {where} requires '{text}', which could not be evaluated: {condition.UnknownText}.", roleId, rolePath, permission, condition.Source);
            NotSatisfied[i] = new AccessDecision(AccessDecisionReason.ConditionNotMet, $"Denied: {where} requires '{text}', and {condition.NotSatisfiedText}.", roleId, rolePath, permission, condition.Source);
        }
    }

    public Permission Permission { get; }

    public bool IsDeny { get; }

    public CompiledCondition[] Conditions { get; }

    /// <summary>The decision when the permission applies: allowed, or the explicit deny.</summary>
    public AccessDecision Decision { get; }

    /// <summary>Per condition: an allow whose condition does not hold (denies never use it).</summary>
    public AccessDecision[] NotSatisfied { get; }

    /// <summary>Per condition: the condition could not be evaluated (an allow does not apply; a deny does).</summary>
    public AccessDecision[] Unknown { get; }

    /// <summary>Per condition: evaluating the condition threw.</summary>
    public AccessDecision[] Errors { get; }

    /// <summary>Denies first, then unconditional allows, then conditional allows: the evaluation order that lets a check stop early.</summary>
    public int Rank => IsDeny ? 0 : Conditions.Length == 0 ? 1 : 2;
}
