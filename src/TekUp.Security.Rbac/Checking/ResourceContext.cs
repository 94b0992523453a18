namespace TekUp.Security.Rbac;

/// <summary>
/// Facts about the resource being accessed, which the host reads from its <em>own data</em> (the invoice row's owner
/// and tenant columns), never from what the caller says about itself. The owner and same-tenant conditions compare
/// these with the authenticated <see cref="Principals.SecurityPrincipal"/>.
/// </summary>
public sealed record ResourceContext
{
    /// <summary>The subject id of the resource's owner, or <see langword="null"/> when the resource has none or it is unknown.</summary>
    public string? OwnerId { get; init; }

    /// <summary>
    /// The tenant the resource belongs to, or <see langword="null"/> when unknown. A value other than the principal's
    /// tenant denies the check whatever the roles say.
    /// </summary>
    public string? TenantId { get; init; }

    /// <summary>An optional identifier of the resource instance (for example <c>42</c>), written to audit entries of denials.</summary>
    public string? ResourceId { get; init; }
}
