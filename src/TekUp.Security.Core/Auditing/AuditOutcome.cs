namespace TekUp.Security.Auditing;

/// <summary>The outcome of an audited action.</summary>
public enum AuditOutcome
{
    /// <summary>The action succeeded.</summary>
    Success = 1,

    /// <summary>The action failed (bad input, infrastructure fault).</summary>
    Failure = 2,

    /// <summary>The action was refused by a security control.</summary>
    Denied = 3,
}
