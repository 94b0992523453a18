using TekUp.Security.Principals;

namespace TekUp.Security.Rbac;

/// <summary>
/// Decides whether a principal may perform an action on a resource. A thread-safe singleton. Evaluation order does not
/// matter: a disabled principal or a resource of another tenant is denied; otherwise any matching deny wins, else any
/// matching allow, else the default deny. A condition that fails or cannot be evaluated never allows.
/// </summary>
public interface IPermissionChecker
{
    /// <summary>
    /// Checks a permission and explains the decision. Denials are always audited (and raise an
    /// <see cref="Events.SecurityEventType.AccessDenied"/> event); allows are audited per <see cref="RbacOptions.AllowAudit"/>.
    /// Completes synchronously, without allocating, when the principal's compiled permission set is cached and the
    /// decision is an allow that the audit policy does not record.
    /// </summary>
    /// <param name="principal">The authenticated principal.</param>
    /// <param name="resource">The resource type, for example <c>invoices</c> (matched case-insensitively).</param>
    /// <param name="action">The action, for example <c>read</c> (matched case-insensitively).</param>
    /// <param name="resourceContext">The resource's owner and tenant as read from the host's data, when known.</param>
    /// <param name="cancellationToken">Cancels loading the permission set from the store.</param>
    /// <returns>The decision; never <see langword="null"/>. Evaluation faults give a deny with <see cref="AccessDecisionReason.EvaluationError"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="principal"/>, <paramref name="resource"/> or <paramref name="action"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="resource"/> or <paramref name="action"/> is empty.</exception>
    ValueTask<AccessDecision> CheckAsync(
        SecurityPrincipal principal,
        string resource,
        string action,
        ResourceContext? resourceContext = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists everything the principal's roles grant or deny, each permission with the role chain it comes from. Conditions
    /// are listed, not evaluated. A disabled principal's permissions are still listed (the check denies them regardless).
    /// </summary>
    /// <param name="principal">The principal.</param>
    /// <param name="cancellationToken">Cancels loading from the store.</param>
    /// <exception cref="Storage.TekUpStorageException">The store failed.</exception>
    ValueTask<IReadOnlyList<EffectivePermission>> GetEffectivePermissionsAsync(SecurityPrincipal principal, CancellationToken cancellationToken = default);
}
