namespace TekUp.Security.Rbac;

/// <summary>Why an <see cref="AccessDecision"/> came out as it did.</summary>
public enum AccessDecisionReason
{
    /// <summary>An allow permission of one of the principal's roles matched and no deny did.</summary>
    Allowed = 1,

    /// <summary>A deny permission matched; it beats any allow.</summary>
    ExplicitDeny = 2,

    /// <summary>No permission of the principal's roles covers the resource and action (default deny).</summary>
    NoMatchingPermission = 3,

    /// <summary>Allow permissions cover the resource and action, but a condition of each did not hold or could not be evaluated.</summary>
    ConditionNotMet = 4,

    /// <summary>The resource belongs to another tenant than the principal.</summary>
    CrossTenant = 5,

    /// <summary>The principal is disabled.</summary>
    PrincipalDisabled = 6,

    /// <summary>Evaluation failed (a condition threw, the role store failed); the check denies and the failure is audited.</summary>
    EvaluationError = 7,
}
