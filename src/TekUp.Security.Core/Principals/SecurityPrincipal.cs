namespace TekUp.Security.Principals;

/// <summary>
/// An authenticated caller: the identity the SDK trusts for authorization decisions. It is created by
/// authentication, never from values a caller supplies about itself.
/// </summary>
public sealed record SecurityPrincipal
{
    /// <summary>The tenant the principal belongs to.</summary>
    public required string TenantId { get; init; }

    /// <summary>The principal's id within the tenant (a user id, an API key id, a service name).</summary>
    public required string SubjectId { get; init; }

    /// <summary>What kind of caller this is.</summary>
    public PrincipalKind Kind { get; init; } = PrincipalKind.User;

    /// <summary>A disabled principal is denied everything.</summary>
    public bool IsDisabled { get; init; }

    /// <summary>Scopes granted to the credential that authenticated the principal (API key scopes).</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];
}
