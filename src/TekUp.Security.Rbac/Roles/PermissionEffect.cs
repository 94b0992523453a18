namespace TekUp.Security.Rbac;

/// <summary>Whether a permission grants or forbids. A matching deny beats any allow.</summary>
public enum PermissionEffect
{
    /// <summary>The permission grants the actions when its conditions hold.</summary>
    Allow = 1,

    /// <summary>
    /// The permission forbids the actions when its conditions hold, whatever any other role allows. A condition of a
    /// deny that cannot be evaluated (no resource owner known, no client address) counts as holding: a deny fails closed.
    /// </summary>
    Deny = 2,
}
