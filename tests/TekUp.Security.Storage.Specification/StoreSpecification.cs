using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace TekUp.Security.Storage.Specification;

/// <summary>
/// Base of every store conformance class. A provider's test project subclasses each specification once and says
/// how to choose its provider; the tests resolve stores from DI exactly as a host would.
/// </summary>
public abstract class StoreSpecification : IAsyncLifetime
{
    private readonly List<ServiceProvider> _instances = [];

    /// <summary>The clock every instance shares. Starts at 2026-01-15 10:00 UTC.</summary>
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 15, 10, 0, 0, TimeSpan.Zero));

    /// <summary>The first application instance.</summary>
    protected IServiceProvider Services => _instances.Count > 0 ? _instances[0] : CreateInstance();

    /// <summary>Chooses the provider under test (for example <c>builder.UseSqlite(...)</c>), always on the same storage.</summary>
    protected abstract void ConfigureStorage(ITekUpSecurityBuilder builder);

    /// <summary>
    /// Creates another application instance on the same storage, as a second process would be. Providers that
    /// cannot share storage between containers return the first instance.
    /// </summary>
    protected virtual IServiceProvider CreateInstance()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        var builder = services.AddTekUpSecurity();
        ConfigureStorage(builder);
        ConfigureModules(builder);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _instances.Add(provider);
        return provider;
    }

    /// <summary>Adds the modules whose stores a specification needs. Override to add more.</summary>
    protected virtual void ConfigureModules(ITekUpSecurityBuilder builder)
    {
    }

    /// <summary>Resolves a service from the first instance.</summary>
    protected T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <inheritdoc />
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        _instances.Clear();
        GC.SuppressFinalize(this);
    }
}
