using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using TekUp.Security.AspNetCore.Authentication;
using TekUp.Security.Auth.ApiKeys;
using TekUp.Security.Auth.RateLimiting;
using TekUp.Security.Tenants;

namespace TekUp.Security.AspNetCore.Tests.Authentication;

/// <summary>The handler driven through ASP.NET Core's authentication service on a <see cref="DefaultHttpContext"/>.</summary>
public sealed class TekUpAuthenticationHandlerTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private ServiceProvider _services = null!;
    private IssuedApiKey _key = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddTekUpSecurity().UseInMemoryStores().AddApiKeyAuthentication(o =>
        {
            o.ApiKeyPepper = Convert.ToBase64String(new byte[32]);
            o.RateLimits.PerApiKey = new TokenBucketSettings { TokenLimit = 3, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromSeconds(90) };
        });
        services.AddAuthentication(TekUpAuthenticationDefaults.AuthenticationScheme).AddTekUpApiKey();
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<ITenantService>().CreateAsync("acme", "Acme");
        _key = await _services.GetRequiredService<IApiKeyManager>().IssueAsync("acme", new ApiKeyIssueRequest { Name = "t", Scopes = ["a", "b"] });
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private DefaultHttpContext Context(Action<IHeaderDictionary>? headers = null, string ip = "192.0.2.1")
    {
        var context = new DefaultHttpContext { RequestServices = _services.CreateScope().ServiceProvider };
        context.Connection.RemoteIpAddress = IPAddress.Parse(ip);
        context.Response.Body = new MemoryStream();
        headers?.Invoke(context.Request.Headers);
        return context;
    }

    private static async Task<JsonElement> BodyAsync(HttpContext context)
    {
        context.Response.Body.Position = 0;
        return await JsonSerializer.DeserializeAsync<JsonElement>(context.Response.Body);
    }

    [Fact]
    public async Task AuthenticateAsync_ValidKeyHeader_PrincipalWithTenantSubjectAndScopes()
    {
        var context = Context(h => h["X-Api-Key"] = _key.Key);

        var result = await context.AuthenticateAsync();

        Assert.True(result.Succeeded);
        var user = result.Principal!;
        Assert.Equal("acme", user.FindFirst(TekUpClaimTypes.TenantId)!.Value);
        Assert.Equal(_key.Record.Id, user.Identity!.Name);
        Assert.Equal(["a", "b"], user.FindAll(TekUpClaimTypes.Scope).Select(c => c.Value));
        Assert.Equal("api_key", user.FindFirst(TekUpClaimTypes.CredentialType)!.Value);
        Assert.DoesNotContain(user.Claims, c => c.Value.Contains(_key.Key[3..20], StringComparison.Ordinal));
    }

    [Fact]
    public async Task AuthenticateAsync_NoCredential_NoResult()
    {
        var result = await Context().AuthenticateAsync();

        Assert.True(result.None);
    }

    [Fact]
    public async Task AuthenticateAsync_OtherAuthorizationScheme_NoResult()
    {
        var result = await Context(h => h.Authorization = "Basic dXNlcjpwYXNz").AuthenticateAsync();

        Assert.True(result.None);
    }

    [Fact]
    public async Task AuthenticateAsync_TwoKeyHeaders_FailsMalformed()
    {
        var context = Context(h => h["X-Api-Key"] = new Microsoft.Extensions.Primitives.StringValues([_key.Key, _key.Key]));

        var result = await context.AuthenticateAsync();

        Assert.Equal("malformed_key", result.Failure!.Message);
    }

    [Fact]
    public async Task AuthenticateAsync_CalledTwice_RunsThePipelineOnce()
    {
        var context = Context(h => h["X-Api-Key"] = _key.Key);

        await context.AuthenticateAsync();
        await context.AuthenticateAsync();
        await context.AuthenticateAsync();
        await context.AuthenticateAsync();

        // The key's limit is 3: a fourth pipeline run would have been refused.
        Assert.True((await Context(h => h["X-Api-Key"] = _key.Key).AuthenticateAsync()).Succeeded);
    }

    [Fact]
    public async Task ChallengeAsync_BadKey_401ProblemDetailsWithReasonAndWwwAuthenticate()
    {
        var context = Context(h => h["X-Api-Key"] = "tk_" + new string('0', 64));

        await context.ChallengeAsync();

        Assert.Equal(401, context.Response.StatusCode);
        Assert.StartsWith("application/problem+json", context.Response.ContentType, StringComparison.Ordinal);
        Assert.Contains("ApiKey", context.Response.Headers.WWWAuthenticate.ToString(), StringComparison.Ordinal);
        var body = await BodyAsync(context);
        Assert.Equal("bad_checksum", body.GetProperty("reason").GetString());
        Assert.Equal("urn:tekup:security:problem:bad_checksum", body.GetProperty("type").GetString());
        Assert.DoesNotContain(new string('0', 64), body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChallengeAsync_NoCredential_401MissingCredential()
    {
        var context = Context();

        await context.ChallengeAsync();

        Assert.Equal(401, context.Response.StatusCode);
        Assert.Equal("missing_credential", (await BodyAsync(context)).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ChallengeAsync_RateLimited_429WithRetryAfterInWholeSeconds()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await Context(h => h["X-Api-Key"] = _key.Key).AuthenticateAsync()).Succeeded);
        }

        var context = Context(h => h["X-Api-Key"] = _key.Key);
        await context.ChallengeAsync();

        Assert.Equal(429, context.Response.StatusCode);
        Assert.Equal("90", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal("rate_limited", (await BodyAsync(context)).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ChallengeAsync_BlockedAddress_403()
    {
        await _services.GetRequiredService<Auth.Networking.IIpBlockList>().BlockAsync(IPAddress.Parse("192.0.2.66"), _time.GetUtcNow().AddMinutes(5), "manual");
        var context = Context(h => h["X-Api-Key"] = _key.Key, ip: "::ffff:192.0.2.66");

        await context.ChallengeAsync();

        Assert.Equal(403, context.Response.StatusCode);
        Assert.Equal("ip_blocked", (await BodyAsync(context)).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ForbidAsync_AuthenticatedCaller_403Forbidden()
    {
        var context = Context(h => h["X-Api-Key"] = _key.Key);

        await context.ForbidAsync();

        Assert.Equal(403, context.Response.StatusCode);
        Assert.Equal("forbidden", (await BodyAsync(context)).GetProperty("reason").GetString());
    }
}
