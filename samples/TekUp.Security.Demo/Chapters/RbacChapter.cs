using Microsoft.Extensions.DependencyInjection;
using TekUp.Security.Principals;
using TekUp.Security.Rbac;
using static TekUp.Security.Demo.Chapters.DemoContext;

namespace TekUp.Security.Demo.Chapters;

/// <summary>Roles with inheritance, conditions and an explicit deny; decisions printed with their reasons.</summary>
internal static class RbacChapter
{
    public static async Task RunAsync(DemoContext demo)
    {
        var n = demo.Narrator;
        n.Chapter("Roles, and decisions that explain themselves");
        var roles = demo.Services.GetRequiredService<IRoleManager>();
        var checker = demo.Services.GetRequiredService<IPermissionChecker>();

        await roles.CreateRoleAsync(new Role
        {
            TenantId = TenantA,
            Id = "bookkeeper",
            Name = "Bookkeeper",
            Permissions =
            [
                Permission.Allow("invoices", "read", "create"),
                Permission.Allow("customers", "read"),
                Permission.Allow("invoices", "approve")
                    .When(PermissionCondition.TimeWindow("Europe/Copenhagen", new TimeOnly(8, 0), new TimeOnly(17, 0), [.. TimeWindowCondition.Weekdays])),
            ],
        });
        await roles.CreateRoleAsync(new Role
        {
            TenantId = TenantA,
            Id = "trainee",
            Name = "Trainee bookkeeper",
            ParentRoleIds = ["bookkeeper"],
            Permissions = [Permission.Deny("invoices", "create")],
        });
        await roles.CreateRoleAsync(new Role
        {
            TenantId = TenantA,
            Id = "customer-self-service",
            Name = "Customer (own records only)",
            Permissions = [Permission.Allow("customers", "read", "update").When(PermissionCondition.Owner)],
        });
        await roles.AssignRoleAsync(TenantA, "anne", "bookkeeper");
        await roles.AssignRoleAsync(TenantA, "tom", "trainee");
        await roles.AssignRoleAsync(TenantA, "customer-1001", "customer-self-service");
        n.Ok($"roles in '{TenantA}': bookkeeper; trainee (inherits bookkeeper, denied invoices:create); customer-self-service (owner only)");
        n.Ok("assigned: anne -> bookkeeper, tom -> trainee, customer-1001 -> customer-self-service");

        var anne = Principal(TenantA, "anne");
        var tom = Principal(TenantA, "tom");
        var customer = Principal(TenantA, "customer-1001");
        Print(n, "anne  invoices:create", await checker.CheckAsync(anne, "invoices", "create"));
        Print(n, "tom   invoices:create", await checker.CheckAsync(tom, "invoices", "create"));
        Print(n, "tom   invoices:read", await checker.CheckAsync(tom, "invoices", "read"));
        Print(n, "anne  invoices:delete", await checker.CheckAsync(anne, "invoices", "delete"));
        Print(n, "customer-1001 reads customer-1001", await checker.CheckAsync(customer, "customers", "read", new ResourceContext { TenantId = TenantA, OwnerId = "customer-1001", ResourceId = "customer-1001" }));
        Print(n, "customer-1001 reads customer-1002", await checker.CheckAsync(customer, "customers", "read", new ResourceContext { TenantId = TenantA, OwnerId = "customer-1002", ResourceId = "customer-1002" }));
        Print(n, $"anne reads a customer of '{TenantB}'", await checker.CheckAsync(anne, "customers", "read", new ResourceContext { TenantId = TenantB, ResourceId = "customer-7" }));
        Print(n, "anne (disabled) invoices:read", await checker.CheckAsync(anne with { IsDisabled = true }, "invoices", "read"));

        n.Say("What can tom do? (effective permissions, with where each came from)");
        foreach (var effective in await checker.GetEffectivePermissionsAsync(tom))
        {
            n.Detail(effective.Permission.ToString(), $"via {string.Join(" -> ", effective.RolePath)}");
        }
    }

    private static SecurityPrincipal Principal(string tenant, string subject) => new() { TenantId = tenant, SubjectId = subject };

    private static void Print(Narrator n, string what, AccessDecision decision)
    {
        if (decision.IsAllowed)
        {
            n.Ok($"{what}: allowed - {decision.Explanation}");
        }
        else
        {
            n.Refused($"{what}: denied ({decision.ReasonCode}) - {decision.Explanation}");
        }
    }
}
