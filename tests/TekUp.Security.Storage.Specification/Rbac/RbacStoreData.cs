using TekUp.Security.Rbac;

namespace TekUp.Security.Storage.Specification.Rbac;

/// <summary>Sample roles for the Rbac store specifications.</summary>
internal static class RbacStoreData
{
    public const string Tenant = "acme";

    public static Role NewRole(DateTimeOffset now, string id = "accountant", string tenantId = Tenant, params string[] parents) => new()
    {
        TenantId = tenantId,
        Id = id,
        Name = "Accountant",
        Description = "Books and approves invoices",
        Permissions =
        [
            Permission.Allow("invoices", "read", "write"),
            Permission.Allow("invoices", "approve").When(
                PermissionCondition.Owner,
                PermissionCondition.SameTenant,
                PermissionCondition.TimeWindow("Europe/Copenhagen", new TimeOnly(8, 0), new TimeOnly(17, 30, 15), DayOfWeek.Monday, DayOfWeek.Friday),
                PermissionCondition.ClientIpRange("10.0.0.0/8", "2001:db8::/32")),
            Permission.Deny("payroll", "*"),
            Permission.Allow("*", "read"),
        ],
        ParentRoleIds = parents,
        CreatedAt = now,
        UpdatedAt = now,
    };
}
