using Microsoft.IdentityModel.JsonWebTokens;
using TekUp.Security.Auth.Authentication;
using TekUp.Security.Auth.Tests.Infrastructure;
using TekUp.Security.DataClasses;
using TekUp.Security.KeyManagement;

namespace TekUp.Security.Auth.Tests.Sessions;

/// <summary>Session tokens signed with subkeys of the tenant's general data key from the real key ring.</summary>
public sealed class KeyRingSigningKeyTests : IAsyncLifetime
{
    private readonly AuthTestHost _host = new(useTestSigningKeys: false);
    private AuthenticationResult _authenticated = null!;

    private IKeyManager KeyManager => _host.Services.GetRequiredService<IKeyManager>();

    public async Task InitializeAsync()
    {
        await _host.AddTenantAsync();
        await _host.AddTenantAsync("other");
        _authenticated = await _host.AuthenticateAsync((await _host.IssueAsync()).Key);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task CreateAsync_KidNamesTheTenantsActiveGeneralDataKey()
    {
        var token = await _host.Sessions.CreateAsync(_authenticated);

        var active = await KeyManager.EnsureActiveKeyAsync("acme", DataClass.General);
        Assert.Equal($"acme:{active.KeyId:N}", new JsonWebToken(token.Token).Kid);
        Assert.True((await _host.AuthenticateTokenAsync(token.Token)).Succeeded);
    }

    [Fact]
    public async Task DataKeyRotation_OldTokensStillValidate_NewTokensGetNewKid()
    {
        var before = await _host.Sessions.CreateAsync(_authenticated);

        await KeyManager.RotateAsync("acme", DataClass.General);
        var after = await _host.Sessions.CreateAsync(_authenticated);

        Assert.NotEqual(new JsonWebToken(before.Token).Kid, new JsonWebToken(after.Token).Kid);
        Assert.True((await _host.AuthenticateTokenAsync(before.Token)).Succeeded);
        Assert.True((await _host.AuthenticateTokenAsync(after.Token)).Succeeded);
    }

    [Fact]
    public async Task DataKeyRevoked_TokensSignedUnderItRefusedAtOnce()
    {
        var token = await _host.Sessions.CreateAsync(_authenticated);
        Assert.True((await _host.AuthenticateTokenAsync(token.Token)).Succeeded);
        var kid = new JsonWebToken(token.Token).Kid;

        await KeyManager.RotateAsync("acme", DataClass.General);
        await KeyManager.RevokeAsync("acme", Guid.ParseExact(kid[(kid.IndexOf(':', StringComparison.Ordinal) + 1)..], "N"));

        Assert.Equal("unknown_signing_key", (await _host.AuthenticateTokenAsync(token.Token)).ReasonCode);
        var fresh = await _host.Sessions.CreateAsync(_authenticated);
        Assert.True((await _host.AuthenticateTokenAsync(fresh.Token)).Succeeded);
    }

    [Fact]
    public async Task DataKeyDestroyed_TokensSignedUnderItRefused()
    {
        var token = await _host.Sessions.CreateAsync(_authenticated);
        var kid = new JsonWebToken(token.Token).Kid;

        await KeyManager.RotateAsync("acme", DataClass.General);
        await KeyManager.DestroyAsync("acme", Guid.ParseExact(kid[(kid.IndexOf(':', StringComparison.Ordinal) + 1)..], "N"));

        Assert.Equal("unknown_signing_key", (await _host.AuthenticateTokenAsync(token.Token)).ReasonCode);
    }

    [Fact]
    public async Task OtherTenantsDataKeyId_UnderThisTenantsName_UnknownSigningKey()
    {
        var otherKey = await KeyManager.EnsureActiveKeyAsync("other", DataClass.General);
        var token = await _host.Sessions.CreateAsync(_authenticated);
        var jwt = new JsonWebToken(token.Token);
        var header = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(
            System.Text.Encoding.UTF8.GetBytes($$"""{"alg":"HS256","kid":"acme:{{otherKey.KeyId:N}}","typ":"JWT"}"""));

        var result = await _host.AuthenticateTokenAsync($"{header}.{jwt.EncodedPayload}.{jwt.EncodedSignature}");

        Assert.Equal("unknown_signing_key", result.ReasonCode);
    }

    [Fact]
    public async Task SigningKeys_DifferPerTenant()
    {
        var otherIssued = await _host.IssueAsync("other");
        var other = await _host.AuthenticateAsync(otherIssued.Key);

        var acmeToken = new JsonWebToken((await _host.Sessions.CreateAsync(_authenticated)).Token);
        var otherToken = new JsonWebToken((await _host.Sessions.CreateAsync(other)).Token);

        Assert.StartsWith("other:", otherToken.Kid, StringComparison.Ordinal);
        Assert.NotEqual(acmeToken.EncodedSignature, otherToken.EncodedSignature);
    }
}
