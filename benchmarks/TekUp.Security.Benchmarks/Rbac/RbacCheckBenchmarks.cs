using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using TekUp.Security.Principals;
using TekUp.Security.Rbac;

namespace TekUp.Security.Benchmarks.Rbac;

/// <summary>
/// A warm permission check for a principal holding 20 roles of 50 permissions each (1,000 permissions), against the
/// whitepaper's <c>checkPermission</c>: a linear scan over the roles and their permissions (direct, then conditional),
/// run here over the same roles already in memory, without its store round-trip. The checked permission is the last
/// one of the last role, the scan's worst allowed case. Target: at most 300 ns, no allocation, at least 10× faster
/// than the scan.
/// </summary>
[MemoryDiagnoser]
public class RbacCheckBenchmarks
{
    private const string Tenant = "acme";
    private const int Roles = 20;
    private const int PermissionsPerRole = 50;

    private readonly SecurityPrincipal _principal = new() { TenantId = Tenant, SubjectId = "alice" };
    private ServiceProvider _services = null!;
    private IPermissionChecker _checker = null!;
    private List<Role> _userRoles = null!;
    private string _resource = null!;
    private string _action = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTekUpSecurity().UseInMemoryStores().AddRbac(o => o.AllowAudit = AllowAuditPolicy.None);
        _services = services.BuildServiceProvider();
        _checker = _services.GetRequiredService<IPermissionChecker>();
        var manager = _services.GetRequiredService<IRoleManager>();

        _userRoles = [];
        for (var r = 0; r < Roles; r++)
        {
            var permissions = new Permission[PermissionsPerRole];
            for (var p = 0; p < PermissionsPerRole; p++)
            {
                permissions[p] = Permission.Allow($"resource-{r:00}-{p:00}", "read", "write");
            }

            var role = manager.CreateRoleAsync(new Role { TenantId = Tenant, Id = $"role-{r:00}", Name = $"Role {r}", Permissions = permissions })
                .GetAwaiter().GetResult();
            manager.AssignRoleAsync(Tenant, _principal.SubjectId, role.Id).GetAwaiter().GetResult();
            _userRoles.Add(role);
        }

        // Copies, so that neither side benefits from reference-equal strings.
        _resource = new string($"resource-{Roles - 1:00}-{PermissionsPerRole - 1:00}".AsSpan());
        _action = new string("write".AsSpan());

        if (!WhitepaperLinearScan() || !TekUpCheck())
        {
            throw new InvalidOperationException("The benchmark's check must be allowed by both implementations.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    /// <summary>The whitepaper's checkDirectPermission then checkConditionalPermission, as loops over the same roles.</summary>
    [Benchmark(Baseline = true, Description = "Whitepaper linear scan (20 roles x 50 permissions)")]
    public bool WhitepaperLinearScan()
    {
        // userRoles.some(role => role.permissions.some(p => p.resource === resource && (p.actions.includes(action) || p.actions.includes('*'))))
        for (var r = 0; r < _userRoles.Count; r++)
        {
            var permissions = _userRoles[r].Permissions;
            for (var p = 0; p < permissions.Count; p++)
            {
                var permission = permissions[p];
                if (permission.Resource == _resource && (Includes(permission.Actions, _action) || Includes(permission.Actions, "*")))
                {
                    return true;
                }
            }
        }

        // userRoles.some(role => role.conditionalPermissions?.some(p => p.resource === resource && p.actions.includes(action) && evaluate(...)))
        for (var r = 0; r < _userRoles.Count; r++)
        {
            var permissions = _userRoles[r].Permissions;
            for (var p = 0; p < permissions.Count; p++)
            {
                var permission = permissions[p];
                if (permission.Conditions.Count > 0 && permission.Resource == _resource && Includes(permission.Actions, _action))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The compiled, cached check: <see cref="IPermissionChecker.CheckAsync"/> completing synchronously.</summary>
    [Benchmark(Description = "IPermissionChecker.CheckAsync (warm)")]
    public bool TekUpCheck() => _checker.CheckAsync(_principal, _resource, _action).GetAwaiter().GetResult().IsAllowed;

    private static bool Includes(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] == value)
            {
                return true;
            }
        }

        return false;
    }
}
