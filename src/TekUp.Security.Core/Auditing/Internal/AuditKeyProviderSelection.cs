using Microsoft.Extensions.DependencyInjection;

namespace TekUp.Security.Auditing.Internal;

/// <summary>
/// Tells whether the host kept the default <see cref="OptionsAuditKeyProvider"/> or registered another
/// <see cref="IAuditKeyProvider"/> (KeyManagement's), by reading the final registrations. It cannot ask the container:
/// resolving the provider from the options validator would be circular.
/// </summary>
internal sealed class AuditKeyProviderSelection(IServiceCollection services)
{
    public bool IsDefaultProvider()
    {
        var last = services.LastOrDefault(d => d.ServiceType == typeof(IAuditKeyProvider));
        return last is null || (!last.IsKeyedService && last.ImplementationType == typeof(OptionsAuditKeyProvider));
    }
}
