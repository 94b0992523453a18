using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TekUp.Security.Auth.ApiKeys;
using TekUp.Security.Auth.Networking;
using TekUp.Security.Tenants;

namespace TekUp.Security.WebApi.Tests;

/// <summary>The sample over real HTTP: one Kestrel instance per test class, each test with its own tenant.</summary>
public sealed class WebApiIntegrationTests : IAsyncLifetime
{
    private WebApiServer _server = null!;

    public async Task InitializeAsync() => _server = await WebApiServer.StartAsync(
        "--Sample:KnownProxies:0=127.0.0.1",
        "--TekUp:Security:Auth:RateLimits:Tenants:limited:TokenLimit=2",
        "--TekUp:Security:Auth:RateLimits:Tenants:limited:TokensPerPeriod=1",
        "--TekUp:Security:Auth:RateLimits:Tenants:limited:ReplenishmentPeriod=00:10:00");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ITenantService Tenants => _server.Services.GetRequiredService<ITenantService>();

    private IApiKeyManager Keys => _server.Services.GetRequiredService<IApiKeyManager>();

    private async Task<IssuedApiKey> NewKeyAsync(string tenantId, string[]? allowList = null, string[]? scopes = null)
    {
        await Tenants.CreateAsync(tenantId, tenantId, allowList);
        return await Keys.IssueAsync(tenantId, new ApiKeyIssueRequest { Name = "integration", Scopes = scopes ?? ["invoices:read"] });
    }

    private static HttpRequestMessage Get(string path, string? apiKey = null, string? bearer = null, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new("Bearer", bearer);
        }

        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return request;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string reason)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(reason, problem.GetProperty("reason").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal("urn:tekup:security:problem:" + reason, problem.GetProperty("type").GetString());
        return problem;
    }

    [Fact]
    public async Task Whoami_GoodKey_200WithTenantAndScopes()
    {
        var issued = await NewKeyAsync("good");

        using var response = await _server.Client.SendAsync(Get("/whoami", apiKey: issued.Key));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("good", body.GetProperty("tenant").GetString());
        Assert.Equal(issued.Record.Id, body.GetProperty("subject").GetString());
        Assert.Equal("api_key", body.GetProperty("credential").GetString());
        Assert.Equal("invoices:read", body.GetProperty("scopes")[0].GetString());
    }

    [Fact]
    public async Task Whoami_BadChecksum_401ProblemWithoutTheKey()
    {
        var issued = await NewKeyAsync("checksum");
        var typo = issued.Key[..^1] + (issued.Key[^1] == '0' ? '1' : '0');

        using var response = await _server.Client.SendAsync(Get("/whoami", apiKey: typo));

        await ProblemAsync(response, HttpStatusCode.Unauthorized, "bad_checksum");
        Assert.DoesNotContain(typo[3..40], await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "ApiKey");
    }

    [Fact]
    public async Task Whoami_UnknownKey_401()
    {
        using var response = await _server.Client.SendAsync(Get("/whoami", apiKey: ApiKeyFormat.Generate()));

        await ProblemAsync(response, HttpStatusCode.Unauthorized, "unknown_key");
    }

    [Fact]
    public async Task Whoami_MalformedKey_401()
    {
        using var response = await _server.Client.SendAsync(Get("/whoami", apiKey: "tk_NOT-A-KEY"));

        await ProblemAsync(response, HttpStatusCode.Unauthorized, "malformed_key");
    }

    [Fact]
    public async Task Whoami_NoCredential_401MissingCredential()
    {
        using var response = await _server.Client.GetAsync("/whoami");

        await ProblemAsync(response, HttpStatusCode.Unauthorized, "missing_credential");
    }

    [Fact]
    public async Task Whoami_RevokedKey_401()
    {
        var issued = await NewKeyAsync("revoked");
        using (var before = await _server.Client.SendAsync(Get("/whoami", apiKey: issued.Key)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await Keys.RevokeAsync("revoked", issued.Record.Id, "leaked");

        using var response = await _server.Client.SendAsync(Get("/whoami", apiKey: issued.Key));
        await ProblemAsync(response, HttpStatusCode.Unauthorized, "revoked_key");
    }

    [Fact]
    public async Task Whoami_SuspendedTenant_401()
    {
        var issued = await NewKeyAsync("suspended");
        using (var before = await _server.Client.SendAsync(Get("/whoami", apiKey: issued.Key)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await Tenants.SetStatusAsync("suspended", TenantStatus.Suspended);

        using var response = await _server.Client.SendAsync(Get("/whoami", apiKey: issued.Key));
        await ProblemAsync(response, HttpStatusCode.Unauthorized, "tenant_suspended");
    }

    [Fact]
    public async Task Whoami_ClientOutsideAllowList_403()
    {
        var issued = await NewKeyAsync("restricted", allowList: ["10.0.0.0/8"]);

        using var response = await _server.Client.SendAsync(Get("/whoami", apiKey: issued.Key));

        await ProblemAsync(response, HttpStatusCode.Forbidden, "ip_not_allowed");
    }

    [Fact]
    public async Task Whoami_ForwardedForFromKnownProxy_UsesForwardedClientAddress()
    {
        var issued = await NewKeyAsync("proxied", allowList: ["10.0.0.0/8"]);

        using var response = await _server.Client.SendAsync(Get("/whoami", apiKey: issued.Key, forwardedFor: "10.1.2.3"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("10.1.2.3", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientIp").GetString());
    }

    [Fact]
    public async Task Whoami_ForwardedForFromUnknownAddress_Ignored()
    {
        var issued = await NewKeyAsync("spoofed", allowList: ["10.0.0.0/8"]);
        using var client = _server.ClientFrom(IPAddress.Parse("127.0.0.2"));

        using var response = await client.SendAsync(Get("/whoami", apiKey: issued.Key, forwardedFor: "10.1.2.3"));

        await ProblemAsync(response, HttpStatusCode.Forbidden, "ip_not_allowed");
    }

    [Fact]
    public async Task Whoami_BlockedAddress_403()
    {
        var issued = await NewKeyAsync("blocked");
        var blocks = _server.Services.GetRequiredService<IIpBlockList>();
        await blocks.BlockAsync(IPAddress.Parse("10.9.9.9"), DateTimeOffset.UtcNow.AddMinutes(10), "brute_force");

        using var response = await _server.Client.SendAsync(Get("/whoami", apiKey: issued.Key, forwardedFor: "10.9.9.9"));

        await ProblemAsync(response, HttpStatusCode.Forbidden, "ip_blocked");
    }

    [Fact]
    public async Task Whoami_PastTheLimit_429WithRetryAfter()
    {
        var issued = await NewKeyAsync("limited");
        for (var i = 0; i < 2; i++)
        {
            using var ok = await _server.Client.SendAsync(Get("/whoami", apiKey: issued.Key));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var response = await _server.Client.SendAsync(Get("/whoami", apiKey: issued.Key));

        await ProblemAsync(response, HttpStatusCode.TooManyRequests, "rate_limited");
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task Invoices_KeyWithoutScope_403Forbidden()
    {
        var issued = await NewKeyAsync("noscope", scopes: ["reports:read"]);

        using var response = await _server.Client.SendAsync(Get("/invoices", apiKey: issued.Key));

        await ProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Sessions_BearerTokenAccepted_ThenRefusedAfterRevocation()
    {
        var issued = await NewKeyAsync("sessions");
        using var create = new HttpRequestMessage(HttpMethod.Post, "/sessions");
        create.Headers.Add("X-Api-Key", issued.Key);
        using var created = await _server.Client.SendAsync(create);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;

        using (var accepted = await _server.Client.SendAsync(Get("/whoami", bearer: token)))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            Assert.Equal("session_token", (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("credential").GetString());
        }

        using var logout = new HttpRequestMessage(HttpMethod.Delete, "/sessions/current");
        logout.Headers.Authorization = new("Bearer", token);
        using (var revoked = await _server.Client.SendAsync(logout))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        using var refused = await _server.Client.SendAsync(Get("/whoami", bearer: token));
        await ProblemAsync(refused, HttpStatusCode.Unauthorized, "token_revoked");
        Assert.Contains(refused.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task Whoami_GarbageBearer_401MalformedToken()
    {
        using var response = await _server.Client.SendAsync(Get("/whoami", bearer: "not.a.jwt"));

        await ProblemAsync(response, HttpStatusCode.Unauthorized, "malformed_token");
    }
}

/// <summary>Anonymous requests are limited per address by the middleware.</summary>
public sealed class AnonymousRateLimitTests : IAsyncLifetime
{
    private WebApiServer _server = null!;

    public async Task InitializeAsync() => _server = await WebApiServer.StartAsync(
        "--TekUp:Security:Auth:RateLimits:PerClientIp:TokenLimit=3",
        "--TekUp:Security:Auth:RateLimits:PerClientIp:TokensPerPeriod=1",
        "--TekUp:Security:Auth:RateLimits:PerClientIp:ReplenishmentPeriod=00:10:00");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Health_PastThePerAddressLimit_429WithRetryAfter()
    {
        for (var i = 0; i < 3; i++)
        {
            using var ok = await _server.Client.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var response = await _server.Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
    }
}
