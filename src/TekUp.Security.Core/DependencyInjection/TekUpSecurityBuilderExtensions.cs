using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using TekUp.Security.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Helpers that module packages use to register themselves on an <see cref="ITekUpSecurityBuilder"/>.</summary>
public static class TekUpSecurityBuilderExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TOptions"/> for a module: bound from <c>TekUp:Security:{sectionName}</c> when the
    /// host called <c>AddTekUpSecurity(configuration)</c>, then <paramref name="configure"/>, validated at start.
    /// </summary>
    /// <typeparam name="TOptions">The module's options class.</typeparam>
    /// <param name="builder">The TekUp.Security builder.</param>
    /// <param name="sectionName">The module's sub-section name, for example <c>KeyManagement</c>.</param>
    /// <param name="configure">Optional configuration applied after binding.</param>
    /// <returns>The options builder, to add validation.</returns>
    public static OptionsBuilder<TOptions> AddModuleOptions<TOptions>(this ITekUpSecurityBuilder builder, string sectionName, Action<TOptions>? configure = null)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(sectionName);

        var options = builder.Services.AddOptions<TOptions>();
        options.Configure<IServiceProvider>((o, sp) =>
        {
            var configuration = sp.GetService<TekUpSecurityConfiguration>();
            configuration?.Section.GetSection(sectionName).Bind(o);
        });
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return options.ValidateOnStart();
    }
}
