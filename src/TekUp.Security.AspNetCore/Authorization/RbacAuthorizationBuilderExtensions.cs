using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TekUp.Security.AspNetCore.Authorization;
using TekUp.Security.Rbac;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Connects TekUp.Security.Rbac to ASP.NET Core authorization.</summary>
public static class RbacAuthorizationBuilderExtensions
{
    /// <summary>
    /// Adds Rbac (<c>AddRbac</c>) and ASP.NET Core authorization with TekUp permissions:
    /// <list type="bullet">
    /// <item><c>[RequirePermission("invoices", "read")]</c> and <c>.RequirePermission("invoices", "read")</c> work without
    /// registering policies (a policy provider builds <c>TekUp.Permission:*</c> policies on demand and hands every other
    /// name to the default provider);</item>
    /// <item><c>IAuthorizationService.AuthorizePermissionAsync(user, resource, action, resourceContext)</c> for
    /// resource-based (owner, tenant) checks;</item>
    /// <item>IP-range conditions read the connection's remote address (<see cref="IClientAddressAccessor"/> is replaced:
    /// register your own after this call to override it);</item>
    /// <item>a request forbidden by a permission is answered 403 with problem details naming the Rbac reason code.</item>
    /// </list>
    /// A custom <see cref="IAuthorizationPolicyProvider"/> or <see cref="IAuthorizationMiddlewareResultHandler"/> the host
    /// registered is kept; only the defaults are replaced.
    /// </summary>
    /// <param name="builder">The TekUp.Security builder.</param>
    /// <param name="configure">Optional configuration of <see cref="RbacOptions"/>.</param>
    public static ITekUpSecurityBuilder AddRbacAuthorization(this ITekUpSecurityBuilder builder, Action<RbacOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddRbac(configure);

        var services = builder.Services;
        services.AddAuthorization();
        services.AddHttpContextAccessor();
        services.RemoveAll<IClientAddressAccessor>();
        services.AddSingleton<IClientAddressAccessor, HttpConnectionClientAddressAccessor>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, PermissionAuthorizationHandler>());
        ReplaceDefault<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider, TekUpPermissionPolicyProvider>(services);
        ReplaceDefault<IAuthorizationMiddlewareResultHandler, AuthorizationMiddlewareResultHandler, TekUpAuthorizationResultHandler>(services);
        return builder;
    }

    /// <summary>Registers <typeparamref name="TOurs"/> unless the host registered something other than ASP.NET Core's default.</summary>
    private static void ReplaceDefault<TService, TDefault, TOurs>(IServiceCollection services)
        where TService : class
        where TOurs : class, TService
    {
        var current = services.LastOrDefault(d => d.ServiceType == typeof(TService));
        if (current is not null && current.ImplementationType != typeof(TDefault) && current.ImplementationType != typeof(TOurs))
        {
            return;
        }

        services.RemoveAll<TService>();
        services.AddSingleton<TService, TOurs>();
    }
}
