namespace TekUp.Security.KeyManagement.Internal;

/// <summary>
/// Checks tenant ids at the module's public entry points: 1-64 ASCII letters, digits, '.', '-' or '_' (the rule
/// of <c>Tenant.Id</c>). Ids of platform secrets start with '$', which no tenant id can, so hosts never reach them.
/// </summary>
internal static class TenantIds
{
    public const int MaxLength = 64;

    public static bool IsValid(string? tenantId) =>
        TekUp.Security.Tenants.Tenant.IsValidId(tenantId);

    public static void ThrowIfInvalid(string tenantId, string paramName = "tenantId")
    {
        ArgumentNullException.ThrowIfNull(tenantId, paramName);
        if (!IsValid(tenantId))
        {
            throw Errors.InvalidTenantId(paramName);
        }
    }
}
