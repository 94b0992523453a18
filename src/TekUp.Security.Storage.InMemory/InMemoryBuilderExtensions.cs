using TekUp.Security.Storage.InMemory.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses in-memory storage for TekUp.Security.</summary>
public static class InMemoryBuilderExtensions
{
    /// <summary>
    /// Keeps every TekUp.Security record in process memory: for tests, demos and short-lived tools. Everything is
    /// lost when the process ends. Replaces any storage provider chosen before.
    /// </summary>
    /// <param name="builder">The TekUp.Security builder.</param>
    public static ITekUpSecurityBuilder UseInMemoryStores(this ITekUpSecurityBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        InMemoryStores.Register(builder.Services);
        return builder;
    }
}
