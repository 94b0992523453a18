namespace TekUp.Security.Rbac;

/// <summary>One permission a principal holds, with where it comes from.</summary>
public sealed record EffectivePermission
{
    /// <summary>The permission.</summary>
    public required Permission Permission { get; init; }

    /// <summary>The role that defines the permission.</summary>
    public required string RoleId { get; init; }

    /// <summary>
    /// How the principal holds <see cref="RoleId"/>: the assigned role first, then each inherited role down to
    /// <see cref="RoleId"/> (a single element when the role is assigned directly). The shortest such chain.
    /// </summary>
    public required IReadOnlyList<string> RolePath { get; init; }

    /// <summary><see langword="true"/> when the permission comes from an inherited role rather than an assigned one.</summary>
    public bool IsInherited => RolePath.Count > 1;

    /// <summary>The permission and its provenance, for example <c>allow invoices:read (accountant &gt; reader)</c>.</summary>
    public override string ToString() => $"{Permission} ({string.Join(" > ", RolePath)})";

    /// <summary>Compares every field, including the role path element by element.</summary>
    public bool Equals(EffectivePermission? other) =>
        other is not null && Permission == other.Permission && RoleId == other.RoleId && RolePath.SequenceEqual(other.RolePath, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Permission, RoleId, RolePath.Count);
}
