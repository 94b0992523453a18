using System.Net;
using System.Security.Cryptography;
using TekUp.Security.Auth.ApiKeys;
using TekUp.Security.Auth.Authentication;
using TekUp.Security.Tenants;

namespace TekUp.Security.Auth.Tests.Issues;

/// <summary>
/// Regression: with KeyManagement registered but no configured pepper, the pepper was random per process, so every
/// issued API key stopped working when the host restarted. It is now derived from a KEK-wrapped platform secret.
/// </summary>
public sealed class ApiKeysSurviveRestartTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"tekup-auth-restart-{Guid.NewGuid():N}.db");
    private readonly string _masterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task AuthenticateAsync_AfterRestartWithKeyManagementAndNoConfiguredPepper_AcceptsKeyIssuedBefore()
    {
        string key;
        await using (var first = Build())
        {
            await first.GetRequiredService<ITenantService>().CreateAsync("acme", "Acme");
            key = (await first.GetRequiredService<IApiKeyManager>().IssueAsync("acme", new ApiKeyIssueRequest { Name = "ci" })).Key;
        }

        await using var second = Build();
        var result = await second.GetRequiredService<IAuthenticator>().AuthenticateAsync(AuthenticationRequest.ForApiKey(key, IPAddress.Loopback));

        Assert.True(result.Succeeded, result.ReasonCode);
    }

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTekUpSecurity()
            .UseSqlite($"Data Source={_file}")
            .AddKeyManagement(k => k.MasterKey = _masterKey)
            .AddApiKeyAuthentication();
        return services.BuildServiceProvider();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }
}
