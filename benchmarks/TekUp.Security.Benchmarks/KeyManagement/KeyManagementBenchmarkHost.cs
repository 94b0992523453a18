using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using TekUp.Security.KeyManagement;

namespace TekUp.Security.Benchmarks.KeyManagement;

/// <summary>An in-memory host with KeyManagement and a random master key; the cache lifetime is long so keys stay warm.</summary>
internal static class KeyManagementBenchmarkHost
{
    public static (ServiceProvider Services, IEncryptionService Encryption) Create()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTekUpSecurity().UseInMemoryStores().AddKeyManagement(o =>
        {
            o.MasterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            o.CacheLifetime = TimeSpan.FromHours(24);
            o.KeyHandOutGracePeriod = TimeSpan.FromHours(1);
        });
        var provider = services.BuildServiceProvider();
        return (provider, provider.GetRequiredService<IEncryptionService>());
    }
}
