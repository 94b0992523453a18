using Microsoft.Extensions.DependencyInjection.Extensions;
using TekUp.Security.Gdpr;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Configures the Gdpr module inside <c>builder.AddGdpr(g =&gt; ...)</c>.</summary>
public sealed class GdprBuilder
{
    internal GdprBuilder(IServiceCollection services) => Services = services;

    /// <summary>The host's services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Registers a personal-data source (scoped: a new instance per request run, so it may use a scoped DbContext).
    /// Adding the same type twice registers it once.
    /// </summary>
    /// <typeparam name="TSource">The source.</typeparam>
    public GdprBuilder AddPersonalDataSource<TSource>()
        where TSource : class, IPersonalDataSource
    {
        Services.TryAddEnumerable(ServiceDescriptor.Scoped<IPersonalDataSource, TSource>());
        return this;
    }

    /// <summary>Registers a personal-data source instance (a singleton).</summary>
    /// <param name="source">The source.</param>
    public GdprBuilder AddPersonalDataSource(IPersonalDataSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Services.AddSingleton(source);
        return this;
    }

    /// <summary>Configures <see cref="GdprOptions"/> (applied after binding from configuration).</summary>
    /// <param name="configure">The configuration.</param>
    public GdprBuilder Configure(Action<GdprOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }
}
