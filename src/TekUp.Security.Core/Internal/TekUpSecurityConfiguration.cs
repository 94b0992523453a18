using Microsoft.Extensions.Configuration;

namespace TekUp.Security.Internal;

/// <summary>
/// The <c>TekUp:Security</c> configuration section, when the host passed one to <c>AddTekUpSecurity</c>.
/// Modules bind their own sub-section (<c>TekUp:Security:KeyManagement</c>, ...) from it.
/// </summary>
internal sealed class TekUpSecurityConfiguration(IConfigurationSection section)
{
    public IConfigurationSection Section { get; } = section;
}
