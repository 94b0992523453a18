namespace TekUp.Security.Rbac.Internal;

/// <summary>The decisions that do not depend on a permission, and the wording shared by all explanations.</summary>
internal static class Explanations
{
    public static AccessDecision PrincipalDisabled { get; } =
        new(AccessDecisionReason.PrincipalDisabled, "Denied: the principal is disabled.");

    public static AccessDecision CrossTenant { get; } =
        new(AccessDecisionReason.CrossTenant, "Denied: the resource belongs to another tenant than the principal; roles never grant across tenants.");

    public static AccessDecision EvaluationFailed { get; } =
        new(AccessDecisionReason.EvaluationError, "Denied: the principal's permissions could not be evaluated (the failure is logged and audited); an evaluation error never allows.");

    /// <summary><c>(assigned)</c> or <c>(inherited: accountant &gt; reader)</c>.</summary>
    public static string Via(IReadOnlyList<string> rolePath) =>
        rolePath.Count <= 1 ? "(assigned)" : $"(inherited: {string.Join(" > ", rolePath)})";

    public static AccessDecision NoMatch(IReadOnlyCollection<string> assignedRoleIds) => new(
        AccessDecisionReason.NoMatchingPermission,
        assignedRoleIds.Count == 0
            ? "Denied by default: the principal holds no role in its tenant."
            : $"Denied by default: no permission of the principal's roles ({string.Join(", ", assignedRoleIds)}, with the roles they inherit) covers this action on this resource.");
}
