using TekUp.Security.Storage;

namespace TekUp.Security.Rbac.Internal;

/// <summary>The exceptions the Rbac module throws, built in one place so their wording stays consistent.</summary>
internal static class Errors
{
    public static ArgumentException InvalidRole(string? roleId, List<string> problems) =>
        new($"Role '{roleId}' is invalid: {string.Join(" ", problems)}", "role");

    public static ArgumentException UnknownParents(string tenantId, string roleId, IEnumerable<string> missing) =>
        new($"Role '{roleId}' names parent roles that do not exist in tenant '{tenantId}': {string.Join(", ", missing)}.", "role");

    public static DuplicateRecordException DuplicateRole(string tenantId, string roleId) =>
        new($"Tenant '{tenantId}' already has a role '{roleId}'.");

    public static ConcurrencyException StaleRole(string tenantId, string roleId, long version) =>
        new($"Role '{roleId}' of tenant '{tenantId}' was changed or removed since version {version} was read.");

    public static KeyNotFoundException UnknownRole(string tenantId, string roleId) =>
        new($"Tenant '{tenantId}' has no role '{roleId}'.");
}
