namespace TekUp.Security.Tenants;

/// <summary>A customer organisation whose data, keys, roles and audit entries are kept apart from every other tenant's.</summary>
public sealed record Tenant
{
    /// <summary>The stable tenant id: 1-64 ASCII letters, digits, '.', '-' or '_'. It is bound into every ciphertext.</summary>
    public required string Id { get; init; }

    /// <summary>A display name.</summary>
    public required string Name { get; init; }

    /// <summary>The tenant's status. Only <see cref="TenantStatus.Active"/> tenants authenticate.</summary>
    public TenantStatus Status { get; init; } = TenantStatus.Active;

    /// <summary>
    /// The networks (CIDR, IPv4 or IPv6) the tenant's clients may connect from. Empty means no restriction.
    /// A CIDR with host bits set (<c>10.0.0.1/8</c>) is refused when the tenant is saved.
    /// </summary>
    public IReadOnlyList<string> IpAllowList { get; init; } = [];

    /// <summary>When the tenant was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the tenant was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The optimistic-concurrency version, incremented by the store on every update.</summary>
    public long Version { get; init; }

    /// <summary>
    /// Whether <paramref name="tenantId"/> has the syntax of a tenant id: 1-64 ASCII letters, digits, '.', '-' or '_'.
    /// Every module checks tenant ids with this one rule.
    /// </summary>
    public static bool IsValidId(string? tenantId) => Internal.Identifiers.IsValidName(tenantId);
}
