using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TekUp.Security.Cryptography;
using TekUp.Security.Cryptography.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers TekUp.Security.Crypto's services on an <see cref="ITekUpSecurityBuilder"/>.</summary>
public static class CryptoBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="IPasswordHasher"/> (<see cref="DefaultPasswordHasher"/>, unless the host registered its own) and
    /// <see cref="CryptoOptions"/>, bound from <c>TekUp:Security:Crypto</c> and validated at start. Calling it more
    /// than once is harmless. The envelope, key-derivation and token helpers are static and need no registration.
    /// </summary>
    /// <param name="builder">The TekUp.Security builder.</param>
    /// <param name="configure">Optional configuration of <see cref="CryptoOptions"/>.</param>
    /// <returns>The builder, for chaining.</returns>
    public static ITekUpSecurityBuilder AddCrypto(this ITekUpSecurityBuilder builder, Action<CryptoOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddModuleOptions(CryptoOptions.SectionName, configure);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CryptoOptions>, CryptoOptionsValidator>());
        builder.Services.TryAddSingleton<IPasswordHasher, DefaultPasswordHasher>();
        return builder;
    }
}
