using System.Diagnostics.CodeAnalysis;

namespace TekUp.Security.AspNetCore.Authorization;

/// <summary>
/// The policy names the permission policy provider understands: <c>TekUp.Permission:{resource}:{action}</c>, for
/// example <c>TekUp.Permission:invoices:read</c>. Usable directly as <c>[Authorize(Policy = ...)]</c>.
/// </summary>
public static class PermissionPolicyName
{
    /// <summary>The prefix: <c>TekUp.Permission:</c>.</summary>
    public const string Prefix = "TekUp.Permission:";

    /// <summary>Builds the policy name of a permission.</summary>
    /// <param name="resource">The resource type (it may contain ':'; the action may not).</param>
    /// <param name="action">The action.</param>
    /// <exception cref="ArgumentException">The resource or action is empty, or the action contains ':'.</exception>
    public static string Format(string resource, string action)
    {
        ArgumentException.ThrowIfNullOrEmpty(resource);
        ArgumentException.ThrowIfNullOrEmpty(action);
        if (action.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("An action cannot contain ':'.", nameof(action));
        }

        return Prefix + resource + ":" + action;
    }

    /// <summary>Reads a permission policy name; <see langword="false"/> for any other name.</summary>
    public static bool TryParse(string? policyName, [NotNullWhen(true)] out string? resource, [NotNullWhen(true)] out string? action)
    {
        resource = null;
        action = null;
        if (policyName is null || !policyName.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = policyName.AsSpan(Prefix.Length);
        var colon = rest.LastIndexOf(':');
        if (colon <= 0 || colon == rest.Length - 1)
        {
            return false;
        }

        resource = rest[..colon].ToString();
        action = rest[(colon + 1)..].ToString();
        return true;
    }
}
