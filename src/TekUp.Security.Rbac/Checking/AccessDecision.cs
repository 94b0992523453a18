namespace TekUp.Security.Rbac;

/// <summary>
/// The outcome of a permission check with its explanation: which role and permission allowed it, which deny matched,
/// or why nothing did. Decisions are immutable and shared: the checker hands out precomputed instances so that a warm
/// check does not allocate.
/// </summary>
public sealed class AccessDecision
{
    private static readonly IReadOnlyList<string> NoPath = [];

    internal AccessDecision(
        AccessDecisionReason reason,
        string explanation,
        string? roleId = null,
        IReadOnlyList<string>? rolePath = null,
        Permission? permission = null,
        PermissionCondition? condition = null)
    {
        Reason = reason;
        Explanation = explanation;
        RoleId = roleId;
        RolePath = rolePath ?? NoPath;
        Permission = permission;
        Condition = condition;
    }

    /// <summary><see langword="true"/> when access is allowed.</summary>
    public bool IsAllowed => Reason == AccessDecisionReason.Allowed;

    /// <summary>Why the decision came out as it did.</summary>
    public AccessDecisionReason Reason { get; }

    /// <summary>The machine-readable reason code used in audit entries and security events, for example <c>explicit_deny</c>.</summary>
    public string ReasonCode => ToCode(Reason);

    /// <summary>The role whose permission decided (the role that defines it), when a permission decided.</summary>
    public string? RoleId { get; }

    /// <summary>
    /// How the principal holds <see cref="RoleId"/>: the assigned role first, then each inherited role down to
    /// <see cref="RoleId"/>. Empty when no permission decided.
    /// </summary>
    public IReadOnlyList<string> RolePath { get; }

    /// <summary>The permission that decided, when one did.</summary>
    public Permission? Permission { get; }

    /// <summary>The condition that did not hold or failed, for <see cref="AccessDecisionReason.ConditionNotMet"/> and condition errors.</summary>
    public PermissionCondition? Condition { get; }

    /// <summary>A sentence support staff can read, for example <c>Allowed by 'allow invoices:read' of role 'accountant' (assigned).</c></summary>
    public string Explanation { get; }

    /// <summary>The reason code and the explanation.</summary>
    public override string ToString() => $"{(IsAllowed ? "Allowed" : "Denied")} ({ReasonCode}): {Explanation}";

    internal static string ToCode(AccessDecisionReason reason) => reason switch
    {
        AccessDecisionReason.Allowed => "allowed",
        AccessDecisionReason.ExplicitDeny => "explicit_deny",
        AccessDecisionReason.NoMatchingPermission => "no_matching_permission",
        AccessDecisionReason.ConditionNotMet => "condition_not_met",
        AccessDecisionReason.CrossTenant => "cross_tenant",
        AccessDecisionReason.PrincipalDisabled => "principal_disabled",
        AccessDecisionReason.EvaluationError => "evaluation_error",
        _ => "unknown",
    };
}
