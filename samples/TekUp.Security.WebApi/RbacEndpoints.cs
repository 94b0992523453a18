using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authorization;
using TekUp.Security.AspNetCore.Authentication;
using TekUp.Security.AspNetCore.Authorization;
using TekUp.Security.Principals;
using TekUp.Security.Rbac;

namespace TekUp.Security.WebApi;

/// <summary>
/// Endpoints protected by TekUp.Security.Rbac: permissions on endpoints (<c>.RequirePermission(...)</c>), an owner-only
/// resource checked in the endpoint after loading it, and two endpoints that explain the caller's permissions.
/// </summary>
internal static class RbacEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/documents", () => Results.Ok(new[] { new { id = "doc-1", title = "Board minutes" } }))
            .RequirePermission("documents", "read");

        app.MapPost("/payroll/runs", (TimeProvider time) => Results.Ok(new { started = time.GetUtcNow() }))
            .RequirePermission("payroll", "run");

        app.MapGet("/customers/export", () => Results.Ok(new[] { new { id = "c-1", name = "Hansen ApS" } }))
            .RequirePermission("customers", "export");

        var expenses = app.MapGroup("/expenses");
        expenses.MapPost("", (HttpContext context, ExpenseBook book, TimeProvider time, decimal amount) =>
        {
            var principal = Principal(context);
            var expense = book.Add(principal.TenantId, principal.SubjectId, amount, time.GetUtcNow());
            return Results.Created($"/expenses/{expense.Id}", expense);
        }).RequirePermission("expenses", "create");

        // Resource-based: the owner and tenant come from the stored expense, never from the request.
        expenses.MapGet("/{id}", async (string id, HttpContext context, ExpenseBook book, IAuthorizationService authorization) =>
        {
            if (book.Find(id) is not { } expense)
            {
                return Results.NotFound();
            }

            var result = await authorization.AuthorizePermissionAsync(
                context.User,
                "expenses",
                "read",
                new ResourceContext { OwnerId = expense.OwnerId, TenantId = expense.TenantId, ResourceId = expense.Id });
            if (result.Succeeded)
            {
                return Results.Ok(expense);
            }

            // Another tenant's expense is answered as if it did not exist.
            var decision = result.GetAccessDecision();
            return decision?.Reason == AccessDecisionReason.CrossTenant ? Results.NotFound() : TekUpPermissionResults.Forbidden(decision);
        }).RequireAuthorization();

        // What may I do, and why (not)? For the caller's own permissions only.
        app.MapGet("/permissions", async (HttpContext context, IPermissionChecker checker) =>
        {
            var effective = await checker.GetEffectivePermissionsAsync(Principal(context), context.RequestAborted);
            return Results.Ok(effective.Select(e => e.ToString()));
        }).RequireAuthorization();

        app.MapGet("/permissions/check", async (HttpContext context, IPermissionChecker checker, string resource, string action) =>
        {
            var decision = await checker.CheckAsync(Principal(context), resource, action, cancellationToken: context.RequestAborted);
            return Results.Ok(new
            {
                allowed = decision.IsAllowed,
                reason = decision.ReasonCode,
                role = decision.RoleId,
                rolePath = decision.RolePath,
                permission = decision.Permission?.ToString(),
                explanation = decision.Explanation,
            });
        }).RequireAuthorization();
    }

    /// <summary>Roles for trying the sample by hand; the demo key gets <c>employee</c>.</summary>
    public static async Task SeedDemoRolesAsync(IServiceProvider services, string tenantId, string subjectId, CancellationToken cancellationToken)
    {
        var roles = services.GetRequiredService<IRoleManager>();
        if (await roles.FindRoleAsync(tenantId, "employee", cancellationToken) is null)
        {
            await roles.CreateRoleAsync(
                new Role
                {
                    TenantId = tenantId,
                    Id = "employee",
                    Name = "Employee",
                    Permissions =
                    [
                        Permission.Allow("documents", "read"),
                        Permission.Allow("expenses", "create"),
                        Permission.Allow("expenses", "read").When(PermissionCondition.Owner),
                        Permission.Allow("payroll", "run").When(PermissionCondition.TimeWindow(
                            "Europe/Copenhagen", new TimeOnly(8, 0), new TimeOnly(17, 0), [.. TimeWindowCondition.Weekdays])),
                        Permission.Deny("customers", "export"),
                    ],
                },
                cancellationToken: cancellationToken);
        }

        await roles.AssignRoleAsync(tenantId, subjectId, "employee", cancellationToken: cancellationToken);
    }

    /// <summary>The authenticated TekUp principal of the request (the endpoints above require authentication).</summary>
    private static SecurityPrincipal Principal(HttpContext context) =>
        context.Features.Get<ITekUpAuthenticationFeature>()?.Result.Principal
        ?? throw new InvalidOperationException("The request was not authenticated by the TekUp scheme.");
}

/// <summary>An expense as the host application stores it: its owner and tenant are columns of the host's own data.</summary>
/// <param name="Id">The expense id.</param>
/// <param name="TenantId">The tenant the expense belongs to.</param>
/// <param name="OwnerId">The subject id of whoever created it.</param>
/// <param name="Amount">The amount.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record Expense(string Id, string TenantId, string OwnerId, decimal Amount, DateTimeOffset CreatedAt);

/// <summary>The sample's expense storage, in memory.</summary>
public sealed class ExpenseBook
{
    private readonly ConcurrentDictionary<string, Expense> _expenses = new(StringComparer.Ordinal);

    /// <summary>Stores a new expense.</summary>
    public Expense Add(string tenantId, string ownerId, decimal amount, DateTimeOffset createdAt)
    {
        var expense = new Expense(Guid.NewGuid().ToString("N"), tenantId, ownerId, amount, createdAt);
        _expenses[expense.Id] = expense;
        return expense;
    }

    /// <summary>Finds an expense by id, or returns <see langword="null"/>.</summary>
    public Expense? Find(string id) => _expenses.GetValueOrDefault(id);
}
