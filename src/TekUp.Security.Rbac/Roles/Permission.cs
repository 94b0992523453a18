namespace TekUp.Security.Rbac;

/// <summary>
/// A grant or a prohibition of some actions on a resource, optionally under conditions that must all hold.
/// Resource and action names are lower-case; checks match them case-insensitively.
/// </summary>
public sealed record Permission
{
    /// <summary>The wildcard for "every action" (in <see cref="Actions"/>) or "every resource" (as <see cref="Resource"/>).</summary>
    public const string Wildcard = "*";

    /// <summary>
    /// The resource type, for example <c>invoices</c>: 1-128 characters of lower-case ASCII letters, digits, '.', '-', '_',
    /// ':' or '/'; or <see cref="Wildcard"/> for every resource (a wildcard grant that compliance checks flag).
    /// </summary>
    public required string Resource { get; init; }

    /// <summary>
    /// The actions, for example <c>read</c> and <c>write</c>: each 1-64 characters of lower-case ASCII letters, digits,
    /// '.', '-' or '_', or <see cref="Wildcard"/> for every action on the resource. At least one, at most 32.
    /// </summary>
    public required IReadOnlyList<string> Actions { get; init; }

    /// <summary>Allow or deny. Default <see cref="PermissionEffect.Allow"/>.</summary>
    public PermissionEffect Effect { get; init; } = PermissionEffect.Allow;

    /// <summary>Conditions that must all hold for the permission to apply (at most 8). Empty: it always applies.</summary>
    public IReadOnlyList<PermissionCondition> Conditions { get; init; } = [];

    /// <summary>
    /// <see langword="true"/> for an allow on every resource (<see cref="Resource"/> is <see cref="Wildcard"/>): the grant
    /// that ISO 27001 A.8.2 / SOC 2 CC6.3 reviews look for, and that the Compliance module reports.
    /// </summary>
    public bool IsWildcardGrant => Effect == PermissionEffect.Allow && Resource == Wildcard;

    /// <summary>Creates an unconditional allow.</summary>
    /// <param name="resource">The resource type, or <c>*</c>.</param>
    /// <param name="actions">The actions, or <c>*</c>.</param>
    public static Permission Allow(string resource, params string[] actions) =>
        new() { Resource = resource, Actions = actions, Effect = PermissionEffect.Allow };

    /// <summary>Creates an unconditional deny.</summary>
    /// <param name="resource">The resource type, or <c>*</c>.</param>
    /// <param name="actions">The actions, or <c>*</c>.</param>
    public static Permission Deny(string resource, params string[] actions) =>
        new() { Resource = resource, Actions = actions, Effect = PermissionEffect.Deny };

    /// <summary>Returns a copy with <paramref name="conditions"/> added to the existing ones.</summary>
    public Permission When(params PermissionCondition[] conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        return this with { Conditions = [.. Conditions, .. conditions] };
    }

    /// <summary>A compact text form, for example <c>allow invoices:read,write [owner]</c>.</summary>
    public override string ToString()
    {
        var text = $"{(Effect == PermissionEffect.Deny ? "deny" : "allow")} {Resource}:{string.Join(',', Actions)}";
        return Conditions.Count == 0 ? text : $"{text} [{string.Join("; ", Conditions)}]";
    }

    /// <summary>Compares every field, including the lists element by element.</summary>
    public bool Equals(Permission? other) =>
        other is not null
        && Resource == other.Resource
        && Effect == other.Effect
        && Actions.SequenceEqual(other.Actions)
        && Conditions.SequenceEqual(other.Conditions);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Resource, Effect, Actions.Count, Conditions.Count);
}
