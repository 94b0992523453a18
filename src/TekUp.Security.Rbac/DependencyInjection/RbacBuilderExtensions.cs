using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TekUp.Security.Rbac;
using TekUp.Security.Rbac.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Rbac module to TekUp.Security.</summary>
public static class RbacBuilderExtensions
{
    /// <summary>
    /// Adds role-based access control: <see cref="IPermissionChecker"/> and <see cref="IRoleManager"/> (singletons), with
    /// <see cref="RbacOptions"/> bound from <c>TekUp:Security:Rbac</c> and validated at start. The role and assignment
    /// stores come from the storage provider (<c>UseSqlite</c>, <c>UseInMemoryStores</c>); client addresses for IP
    /// conditions from the host integration (<see cref="IClientAddressAccessor"/>; none by default). Calling it twice is harmless.
    /// </summary>
    /// <param name="builder">The TekUp.Security builder.</param>
    /// <param name="configure">Optional configuration applied after binding.</param>
    public static ITekUpSecurityBuilder AddRbac(this ITekUpSecurityBuilder builder, Action<RbacOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.AddModuleOptions("Rbac", configure);
        var services = builder.Services;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RbacOptions>, RbacOptionsValidator>());
        services.TryAddSingleton<RbacCache>();
        services.TryAddSingleton<IPermissionChecker, DefaultPermissionChecker>();
        services.TryAddSingleton<IRoleManager, DefaultRoleManager>();
        services.TryAddSingleton<IClientAddressAccessor, NullClientAddressAccessor>();
        return builder;
    }
}
