using System.Net;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TekUp.Security.Auth.Authentication;
using TekUp.Security.Auth.Sessions;
using TekUp.Security.Auth.Tests.Infrastructure;
using TekUp.Security.Events;

namespace TekUp.Security.Auth.Tests.Sessions;

public sealed class SessionTokenTests : IAsyncLifetime
{
    private readonly AuthTestHost _host = new();
    private AuthenticationResult _authenticated = null!;

    public async Task InitializeAsync()
    {
        await _host.AddTenantAsync();
        await _host.AddTenantAsync("other");
        var issued = await _host.IssueAsync();
        _authenticated = await _host.AuthenticateAsync(issued.Key);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task CreateAsync_ThenAuthenticate_SucceedsAsTheKeysPrincipal()
    {
        var token = await _host.Sessions.CreateAsync(_authenticated);

        var result = await _host.AuthenticateTokenAsync(token.Token);

        Assert.True(result.Succeeded, result.ReasonCode);
        Assert.True(result.IsSessionToken);
        Assert.Equal(token.TokenId, result.SessionTokenId);
        Assert.Equal("acme", result.Principal!.TenantId);
        Assert.Equal(_authenticated.KeyId, result.Principal.SubjectId);
        Assert.Equal(["invoices:read"], result.Principal.Scopes);
        Assert.Equal(_host.Time.GetUtcNow().AddHours(1), token.ExpiresAt);
        Assert.Contains(_host.Audit.Records, r => r.EventType == "session.created" && r.Resource == "session:" + token.TokenId);
    }

    [Fact]
    public async Task CreateAsync_TokenCarriesNoSecretAndPinnedHeader()
    {
        var token = await _host.Sessions.CreateAsync(_authenticated);
        var jwt = new JsonWebToken(token.Token);

        Assert.Equal("HS256", jwt.Alg);
        Assert.Equal("JWT", jwt.Typ);
        Assert.StartsWith("acme:", jwt.Kid, StringComparison.Ordinal);
        Assert.Equal("tekup-security", jwt.Issuer);
        Assert.Equal(["tekup-api"], jwt.Audiences);
        Assert.DoesNotContain(_authenticated.KeyHashPrefix!, jwt.EncodedPayload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_FromSessionResult_Throws()
    {
        var token = await _host.Sessions.CreateAsync(_authenticated);
        var session = await _host.AuthenticateTokenAsync(token.Token);

        await Assert.ThrowsAsync<ArgumentException>(() => _host.Sessions.CreateAsync(session));
        await Assert.ThrowsAsync<ArgumentException>(() => _host.Sessions.CreateAsync(AuthenticationResult.Failed(AuthenticationFailureReason.UnknownKey)));
    }

    [Fact]
    public async Task CreateAsync_LifetimeOver24Hours_Throws()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _host.Sessions.CreateAsync(_authenticated, new SessionTokenRequest { Lifetime = TimeSpan.FromHours(25) }));
    }

    [Fact]
    public async Task AuthenticateAsync_ExpiredBeyondSkew_TokenExpired_WithinSkew_Accepted()
    {
        var token = await _host.Sessions.CreateAsync(_authenticated);

        _host.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(29));
        Assert.True((await _host.AuthenticateTokenAsync(token.Token)).Succeeded);

        _host.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("token_expired", (await _host.AuthenticateTokenAsync(token.Token)).ReasonCode);
    }

    [Fact]
    public async Task AuthenticateAsync_NotYetValid_Refused()
    {
        var now = _host.Time.GetUtcNow();
        var token = Craft("acme", notBefore: now.AddMinutes(5), expires: now.AddMinutes(30));

        Assert.Equal("token_not_yet_valid", (await _host.AuthenticateTokenAsync(token)).ReasonCode);
    }

    [Fact]
    public async Task AuthenticateAsync_LifetimeOver24Hours_Refused()
    {
        var now = _host.Time.GetUtcNow();
        var token = Craft("acme", notBefore: now, expires: now.AddHours(25));

        Assert.Equal("invalid_token_lifetime", (await _host.AuthenticateTokenAsync(token)).ReasonCode);
    }

    [Fact]
    public async Task AuthenticateAsync_CraftedWithTenantKey_Accepted()
    {
        // Guards the crafting helper: the refusals below differ from this token in one aspect only.
        Assert.True((await _host.AuthenticateTokenAsync(Craft("acme"))).Succeeded);
    }

    [Fact]
    public async Task AuthenticateAsync_AlgNone_Refused()
    {
        var header = Base64Url("""{"alg":"none","typ":"JWT","kid":"KID"}""".Replace("KID", _host.SigningKeys.ActiveKey("acme").KeyId, StringComparison.Ordinal));
        var payload = new JsonWebToken(Craft("acme")).EncodedPayload;

        var result = await _host.AuthenticateTokenAsync($"{header}.{payload}.");

        Assert.Equal("invalid_token_algorithm", result.ReasonCode);
    }

    [Theory]
    [InlineData("HS512")]
    [InlineData("RS256")]
    [InlineData("HS384")]
    public async Task AuthenticateAsync_HeaderSwitchedToOtherAlgorithm_Refused(string alg)
    {
        var jwt = new JsonWebToken(Craft("acme"));
        var header = Base64Url($$"""{"alg":"{{alg}}","kid":"{{jwt.Kid}}","typ":"JWT"}""");

        var result = await _host.AuthenticateTokenAsync($"{header}.{jwt.EncodedPayload}.{jwt.EncodedSignature}");

        Assert.Equal("invalid_token_algorithm", result.ReasonCode);
    }

    [Fact]
    public async Task AuthenticateAsync_OtherAlgorithmProperlySigned_Refused()
    {
        var token = Craft("acme", algorithm: SecurityAlgorithms.HmacSha512, key: new SymmetricSecurityKey(new byte[64]) { KeyId = _host.SigningKeys.ActiveKey("acme").KeyId });

        Assert.Equal("invalid_token_algorithm", (await _host.AuthenticateTokenAsync(token)).ReasonCode);
    }

    [Fact]
    public async Task AuthenticateAsync_WrongAudience_Refused()
    {
        Assert.Equal("invalid_token_audience", (await _host.AuthenticateTokenAsync(Craft("acme", audience: "someone-else"))).ReasonCode);
    }

    [Fact]
    public async Task AuthenticateAsync_WrongIssuer_Refused()
    {
        Assert.Equal("invalid_token_issuer", (await _host.AuthenticateTokenAsync(Craft("acme", issuer: "evil"))).ReasonCode);
    }

    [Fact]
    public async Task AuthenticateAsync_UnknownKid_Refused()
    {
        var key = new SymmetricSecurityKey(new byte[32]) { KeyId = $"acme:{Guid.NewGuid():N}" };

        Assert.Equal("unknown_signing_key", (await _host.AuthenticateTokenAsync(Craft("acme", key: key))).ReasonCode);
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("")]
    [InlineData("acme")]
    [InlineData("bad tenant:0123456789abcdef0123456789abcdef")]
    public async Task AuthenticateAsync_UnparseableKid_UnknownSigningKey(string kid)
    {
        var key = new SymmetricSecurityKey(new byte[32]) { KeyId = kid };

        Assert.Equal("unknown_signing_key", (await _host.AuthenticateTokenAsync(Craft("acme", key: key))).ReasonCode);
    }

    [Fact]
    public async Task AuthenticateAsync_SignedWithOtherTenantsKeyUnderOwnKid_InvalidSignature()
    {
        var other = _host.SigningKeys.ActiveKey("other");
        var forged = new SymmetricSecurityKey(other.Key) { KeyId = _host.SigningKeys.ActiveKey("acme").KeyId };

        Assert.Equal("invalid_token_signature", (await _host.AuthenticateTokenAsync(Craft("acme", key: forged))).ReasonCode);
    }

    [Fact]
    public async Task AuthenticateAsync_OtherTenantsKeyClaimingThisTenant_InvalidToken()
    {
        // Signed correctly by tenant "other" (its kid), but claiming tenant "acme": the kid's tenant wins, and the mismatch is refused.
        var token = Craft("acme", key: _host.SigningKeys.ActiveKey("other"));

        Assert.Equal("invalid_token", (await _host.AuthenticateTokenAsync(token)).ReasonCode);
    }

    [Fact]
    public async Task AuthenticateAsync_Truncated_Refused()
    {
        var token = (await _host.Sessions.CreateAsync(_authenticated)).Token;

        foreach (var cut in new[] { token.Length - 1, token.Length - 10, token.LastIndexOf('.'), token.IndexOf('.', StringComparison.Ordinal) + 5, 10 })
        {
            var result = await _host.AuthenticateTokenAsync(token[..cut]);
            Assert.False(result.Succeeded);
            Assert.Contains(result.ReasonCode, new[] { "malformed_token", "invalid_token_signature" });
        }
    }

    [Theory]
    [InlineData(".extra")]
    [InlineData(".a.b")]
    [InlineData("..")]
    public async Task AuthenticateAsync_ExtraSegments_Malformed(string suffix)
    {
        var token = (await _host.Sessions.CreateAsync(_authenticated)).Token;

        Assert.Equal("malformed_token", (await _host.AuthenticateTokenAsync(token + suffix)).ReasonCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a token")]
    [InlineData("a.b.c")]
    [InlineData("....")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e30.\u00e9")]
    public async Task AuthenticateAsync_Garbage_Malformed(string token)
    {
        Assert.Equal("malformed_token", (await _host.AuthenticateTokenAsync(token)).ReasonCode);
    }

    [Theory]
    [InlineData("""{"alg":"HS256","alg":"none","kid":"KID"}""")]
    [InlineData("""{"alg":"HS256","kid":"KID","kid":"other:0123456789abcdef0123456789abcdef"}""")]
    [InlineData("""["HS256"]""")]
    [InlineData("""{"alg":"HS256","kid":"KID""")]
    public async Task AuthenticateAsync_AmbiguousOrBrokenHeader_Malformed(string header)
    {
        var jwt = new JsonWebToken(Craft("acme"));
        var encoded = Base64Url(header.Replace("KID", jwt.Kid, StringComparison.Ordinal));

        var result = await _host.AuthenticateTokenAsync($"{encoded}.{jwt.EncodedPayload}.{jwt.EncodedSignature}");

        Assert.Equal("malformed_token", result.ReasonCode);
    }

    [Fact]
    public async Task AuthenticateAsync_HugeToken_Malformed()
    {
        Assert.Equal("malformed_token", (await _host.AuthenticateTokenAsync(new string('a', 1024 * 1024))).ReasonCode);
    }

    [Fact]
    public async Task AuthenticateAsync_TamperedPayload_InvalidSignature()
    {
        var jwt = new JsonWebToken((await _host.Sessions.CreateAsync(_authenticated)).Token);
        var payload = Base64Url(Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload)).Replace("invoices:read", "invoices:admin", StringComparison.Ordinal));

        var result = await _host.AuthenticateTokenAsync($"{jwt.EncodedHeader}.{payload}.{jwt.EncodedSignature}");

        Assert.Equal("invalid_token_signature", result.ReasonCode);
    }

    [Fact]
    public async Task RevokeAsync_ByTokenId_RefusedAtOnce_OtherTokensUnaffected()
    {
        var first = await _host.Sessions.CreateAsync(_authenticated);
        var second = await _host.Sessions.CreateAsync(_authenticated);

        await _host.Sessions.RevokeAsync("acme", first.TokenId, first.ExpiresAt, "logout");

        Assert.Equal("token_revoked", (await _host.AuthenticateTokenAsync(first.Token)).ReasonCode);
        Assert.True((await _host.AuthenticateTokenAsync(second.Token)).Succeeded);
        Assert.Contains(_host.Events.Events, e => e.Type == SecurityEventType.SessionRevoked);
    }

    [Fact]
    public async Task RevokeIssuedBeforeAsync_Tenant_RefusesOlderTokensOnly()
    {
        var old = await _host.Sessions.CreateAsync(_authenticated);
        _host.Time.Advance(TimeSpan.FromMilliseconds(1));

        await _host.Sessions.RevokeIssuedBeforeAsync("acme", null, _host.Time.GetUtcNow(), "incident");
        _host.Time.Advance(TimeSpan.FromMilliseconds(1));
        var fresh = await _host.Sessions.CreateAsync(_authenticated);

        Assert.Equal("token_revoked", (await _host.AuthenticateTokenAsync(old.Token)).ReasonCode);
        Assert.True((await _host.AuthenticateTokenAsync(fresh.Token)).Succeeded);
    }

    [Fact]
    public async Task RevokeAsync_ApiKey_RevokesItsSessions()
    {
        var token = await _host.Sessions.CreateAsync(_authenticated);

        await _host.Keys.RevokeAsync("acme", _authenticated.KeyId!, "leaked");

        Assert.Equal("token_revoked", (await _host.AuthenticateTokenAsync(token.Token)).ReasonCode);
    }

    [Fact]
    public async Task AuthenticateAsync_SuspendedTenant_RefusesSession()
    {
        var token = await _host.Sessions.CreateAsync(_authenticated);

        await _host.SetTenantAsync("acme", t => t with { Status = Tenants.TenantStatus.Suspended });

        Assert.Equal("tenant_suspended", (await _host.AuthenticateTokenAsync(token.Token)).ReasonCode);
    }

    [Fact]
    public async Task AuthenticateAsync_IpBoundToken_RefusedFromOtherAddress()
    {
        var token = await _host.Sessions.CreateAsync(_authenticated, new SessionTokenRequest { ClientIp = IPAddress.Parse("::ffff:203.0.113.7") });

        Assert.True((await _host.AuthenticateTokenAsync(token.Token, IPAddress.Parse("203.0.113.7"))).Succeeded);
        Assert.Equal("token_ip_mismatch", (await _host.AuthenticateTokenAsync(token.Token, IPAddress.Parse("203.0.113.8"))).ReasonCode);
    }

    [Fact]
    public async Task SigningKeyRotation_OldTokensStillValid_NewTokensUseNewKid()
    {
        var before = await _host.Sessions.CreateAsync(_authenticated);

        _host.SigningKeys.Rotate("acme");
        var after = await _host.Sessions.CreateAsync(_authenticated);

        Assert.NotEqual(new JsonWebToken(before.Token).Kid, new JsonWebToken(after.Token).Kid);
        Assert.True((await _host.AuthenticateTokenAsync(before.Token)).Succeeded);
        Assert.True((await _host.AuthenticateTokenAsync(after.Token)).Succeeded);
    }

    [Fact]
    public async Task SigningKeyRevoked_TokensUnderItRefused()
    {
        var token = await _host.Sessions.CreateAsync(_authenticated);
        Assert.True((await _host.AuthenticateTokenAsync(token.Token)).Succeeded);

        _host.SigningKeys.Revoke("acme", new JsonWebToken(token.Token).Kid);

        Assert.Equal("unknown_signing_key", (await _host.AuthenticateTokenAsync(token.Token)).ReasonCode);
    }

    private string Craft(string tenantId, DateTimeOffset? notBefore = null, DateTimeOffset? expires = null, string? audience = null, string? issuer = null, SymmetricSecurityKey? key = null, string algorithm = SecurityAlgorithms.HmacSha256)
    {
        var now = _host.Time.GetUtcNow();
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? "tekup-security",
            Audience = audience ?? "tekup-api",
            IssuedAt = now.UtcDateTime,
            NotBefore = (notBefore ?? now).UtcDateTime,
            Expires = (expires ?? now.AddMinutes(30)).UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = _authenticated.KeyId!,
                ["jti"] = Guid.NewGuid().ToString("N"),
                ["tid"] = tenantId,
                ["iat_ms"] = now.ToUnixTimeMilliseconds(),
            },
            SigningCredentials = new SigningCredentials(key ?? _host.SigningKeys.ActiveKey(tenantId), algorithm),
        });
    }

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
}
