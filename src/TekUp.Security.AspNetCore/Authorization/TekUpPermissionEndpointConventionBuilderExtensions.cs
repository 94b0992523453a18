using TekUp.Security.AspNetCore.Authorization;

namespace Microsoft.AspNetCore.Builder;

/// <summary>TekUp permission requirements for minimal-API endpoints and route groups.</summary>
public static class TekUpPermissionEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Requires that the authenticated TekUp principal may perform <paramref name="action"/> on <paramref name="resource"/>;
    /// the minimal-API form of <see cref="RequirePermissionAttribute"/>. Several calls require all of them.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint or group builder.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="resource">The resource type, for example <c>invoices</c>.</param>
    /// <param name="action">The action, for example <c>read</c>.</param>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string resource, string action)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.RequireAuthorization(new RequirePermissionAttribute(resource, action));
    }
}
