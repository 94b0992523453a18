using System.Net;
using TekUp.Security.Auditing;
using TekUp.Security.Auth.ApiKeys;
using TekUp.Security.Auth.Authentication;
using TekUp.Security.Auth.Networking;
using TekUp.Security.Auth.Tests.Infrastructure;
using TekUp.Security.Events;
using TekUp.Security.Principals;
using TekUp.Security.Tenants;

namespace TekUp.Security.Auth.Tests.Authentication;

public sealed class AuthenticationPipelineTests : IAsyncLifetime
{
    private readonly AuthTestHost _host = new();

    public async Task InitializeAsync() => await _host.AddTenantAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AuthenticateAsync_ValidKey_ReturnsPrincipalWithScopes()
    {
        var issued = await _host.IssueAsync();

        var result = await _host.AuthenticateAsync(issued.Key);

        Assert.True(result.Succeeded);
        Assert.Equal("none", result.ReasonCode);
        Assert.Equal("acme", result.Principal!.TenantId);
        Assert.Equal(issued.Record.Id, result.Principal.SubjectId);
        Assert.Equal(PrincipalKind.ApiKey, result.Principal.Kind);
        Assert.Equal(["invoices:read"], result.Principal.Scopes);
        Assert.Equal(issued.Record.HashPrefix, result.KeyHashPrefix);
    }

    [Fact]
    public async Task AuthenticateAsync_ValidKeyTwice_SecondIsServedFromCache()
    {
        var issued = await _host.IssueAsync();

        var first = await _host.AuthenticateAsync(issued.Key);
        var second = await _host.AuthenticateAsync(issued.Key);

        Assert.Same(first, second);
    }

    [Theory]
    [InlineData("", "malformed_key")]
    [InlineData("tk_0123456789ABCDEF0123456789abcdef0123456789abcdef01234567d7df67de", "malformed_key")]
    [InlineData(" tk_0123456789abcdef0123456789abcdef0123456789abcdef01234567d7df67d", "malformed_key")]
    [InlineData("tk_0123456789abcdef0123456789abcdef0123456789abcdef01234567d7df67d\u00e9", "malformed_key")]
    [InlineData("tk_0123456789abcdef0123456789abcdef0123456789abcdef01234567d7df67df", "bad_checksum")]
    [InlineData("tk_0123456789abcdef0123456789abcdef0123456789abcdef01234567d7df67de", "unknown_key")]
    public async Task AuthenticateAsync_BadKey_FailsWithReasonEventAndAuditWithoutTheKey(string key, string reason)
    {
        var result = await _host.AuthenticateAsync(key);

        Assert.False(result.Succeeded);
        Assert.Equal(reason, result.ReasonCode);
        var securityEvent = Assert.Single(_host.Events.Events);
        Assert.Equal(SecurityEventType.AuthenticationFailed, securityEvent.Type);
        Assert.Equal(reason, securityEvent.Reason);
        Assert.Equal("203.0.113.7", securityEvent.ClientIp);
        var audit = Assert.Single(_host.Audit.Records);
        Assert.Equal("auth.failed", audit.EventType);
        Assert.Equal(AuditOutcome.Denied, audit.Outcome);
        Assert.Equal(reason, audit.Reason);
        AssertNoSecret(key, audit, securityEvent);
    }

    [Fact]
    public async Task AuthenticateAsync_OneMebibyteKey_MalformedWithoutStoreAccess()
    {
        var result = await _host.AuthenticateAsync(new string('a', 1024 * 1024));

        Assert.Equal(AuthenticationFailureReason.MalformedKey, result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_UnknownKey_AuditCarriesHashPrefixOnly()
    {
        var key = ApiKeyFormat.Generate();

        var result = await _host.AuthenticateAsync(key);

        Assert.Equal(AuthenticationFailureReason.UnknownKey, result.FailureReason);
        Assert.NotNull(result.KeyHashPrefix);
        Assert.Equal(8, result.KeyHashPrefix.Length);
        var audit = Assert.Single(_host.Audit.Records);
        Assert.Equal("key:" + result.KeyHashPrefix, audit.Resource);
        AssertNoSecret(key, audit, Assert.Single(_host.Events.Events));
    }

    [Fact]
    public async Task AuthenticateAsync_NoCredential_MissingCredential()
    {
        var result = await _host.Authenticator.AuthenticateAsync(new AuthenticationRequest { ClientIp = AuthTestHost.ClientIp });

        Assert.Equal(AuthenticationFailureReason.MissingCredential, result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_RevokedCachedKey_RefusedAtOnce()
    {
        var issued = await _host.IssueAsync();
        Assert.True((await _host.AuthenticateAsync(issued.Key)).Succeeded);

        await _host.Keys.RevokeAsync("acme", issued.Record.Id, "leaked");
        var result = await _host.AuthenticateAsync(issued.Key);

        Assert.Equal("revoked_key", result.ReasonCode);
        Assert.Equal(issued.Record.Id, result.KeyId);
        Assert.Contains(_host.Events.Events, e => e.Type == SecurityEventType.ApiKeyRevoked && e.PrincipalId == issued.Record.Id);
        Assert.Contains(_host.Audit.Records, r => r.EventType == "apikey.revoked" && r.Reason == "leaked");
    }

    [Fact]
    public async Task AuthenticateAsync_ExpiredKey_Refused()
    {
        var issued = await _host.IssueAsync(expiresAt: _host.Time.GetUtcNow().AddHours(1));
        Assert.True((await _host.AuthenticateAsync(issued.Key)).Succeeded);

        _host.Time.Advance(TimeSpan.FromHours(1));

        Assert.Equal("expired_key", (await _host.AuthenticateAsync(issued.Key)).ReasonCode);
    }

    [Fact]
    public async Task RotateAsync_OldKeyWorksDuringOverlapThenExpires_NewKeyWorks()
    {
        var old = await _host.IssueAsync();
        Assert.True((await _host.AuthenticateAsync(old.Key)).Succeeded);

        var replacement = await _host.Keys.RotateAsync("acme", old.Record.Id, TimeSpan.FromHours(2));

        Assert.True((await _host.AuthenticateAsync(old.Key)).Succeeded);
        Assert.True((await _host.AuthenticateAsync(replacement.Key)).Succeeded);
        Assert.Equal(old.Record.Name, replacement.Record.Name);
        Assert.Equal(old.Record.Scopes, replacement.Record.Scopes);
        Assert.Equal(replacement.Record.Id, (await _host.Keys.FindAsync("acme", old.Record.Id))!.ReplacedById);

        _host.Time.Advance(TimeSpan.FromHours(2));

        Assert.Equal("expired_key", (await _host.AuthenticateAsync(old.Key)).ReasonCode);
        Assert.True((await _host.AuthenticateAsync(replacement.Key)).Succeeded);
    }

    [Fact]
    public async Task RotateAsync_RevokedKey_Throws()
    {
        var issued = await _host.IssueAsync();
        await _host.Keys.RevokeAsync("acme", issued.Record.Id, "leaked");

        await Assert.ThrowsAsync<InvalidOperationException>(() => _host.Keys.RotateAsync("acme", issued.Record.Id, TimeSpan.FromHours(1)));
    }

    [Theory]
    [InlineData(TenantStatus.Suspended, "tenant_suspended")]
    [InlineData(TenantStatus.Deactivated, "tenant_deactivated")]
    public async Task AuthenticateAsync_TenantNotActive_Refused(TenantStatus status, string reason)
    {
        var issued = await _host.IssueAsync();
        Assert.True((await _host.AuthenticateAsync(issued.Key)).Succeeded);

        await _host.SetTenantAsync("acme", t => t with { Status = status });

        var result = await _host.AuthenticateAsync(issued.Key);
        Assert.Equal(reason, result.ReasonCode);
        Assert.Equal("acme", result.TenantId);
    }

    [Fact]
    public async Task AuthenticateAsync_TenantChangedWithoutInvalidation_AppliesWithinCacheDuration()
    {
        var issued = await _host.IssueAsync();
        Assert.True((await _host.AuthenticateAsync(issued.Key)).Succeeded);
        var tenant = (await _host.Tenants.FindAsync("acme"))!;
        await _host.Tenants.UpdateAsync(tenant with { Status = TenantStatus.Suspended });

        _host.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal("tenant_suspended", (await _host.AuthenticateAsync(issued.Key)).ReasonCode);
    }

    [Fact]
    public async Task AuthenticateAsync_ClientOutsideAllowList_IpNotAllowedAsIpRefusedEvent()
    {
        await _host.AddTenantAsync("restricted", "10.0.0.0/8");
        var issued = await _host.IssueAsync("restricted");

        var result = await _host.AuthenticateAsync(issued.Key, IPAddress.Parse("198.51.100.1"));

        Assert.Equal("ip_not_allowed", result.ReasonCode);
        Assert.Equal(SecurityEventType.IpRefused, Assert.Single(_host.Events.Events).Type);
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("::ffff:10.1.2.3")]
    public async Task AuthenticateAsync_ClientInsideAllowList_Succeeds(string client)
    {
        await _host.AddTenantAsync("restricted", "10.0.0.0/8");
        var issued = await _host.IssueAsync("restricted");

        Assert.True((await _host.AuthenticateAsync(issued.Key, IPAddress.Parse(client))).Succeeded);
    }

    [Fact]
    public async Task AuthenticateAsync_Ipv6WithZoneId_MatchesWithoutZone()
    {
        await _host.AddTenantAsync("v6", "fe80::/64");
        var issued = await _host.IssueAsync("v6");

        var result = await _host.AuthenticateAsync(issued.Key, IPAddress.Parse("fe80::1%3"));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task AuthenticateAsync_AllowListWithHostBitsInStore_FailsClosed()
    {
        await _host.AddTenantAsync("broken", "10.0.0.1/8");
        var issued = await _host.IssueAsync("broken");

        var result = await _host.AuthenticateAsync(issued.Key, IPAddress.Parse("10.0.0.1"));

        Assert.Equal("allow_list_invalid", result.ReasonCode);
    }

    [Fact]
    public async Task AuthenticateAsync_AllowListAndNoClientAddress_Refused()
    {
        await _host.AddTenantAsync("restricted", "10.0.0.0/8");
        var issued = await _host.IssueAsync("restricted");

        var result = await _host.Authenticator.AuthenticateAsync(AuthenticationRequest.ForApiKey(issued.Key, null));

        Assert.Equal("client_ip_unknown", result.ReasonCode);
    }

    [Fact]
    public async Task AuthenticateAsync_BlockedAddress_RefusedUntilBlockEnds_MappedAddressIsSameClient()
    {
        var issued = await _host.IssueAsync();
        var blocks = _host.Services.GetRequiredService<IIpBlockList>();

        await blocks.BlockAsync(IPAddress.Parse("::ffff:203.0.113.7"), _host.Time.GetUtcNow().AddMinutes(10), "brute_force", "incidents");

        Assert.Equal("ip_blocked", (await _host.AuthenticateAsync(issued.Key)).ReasonCode);
        Assert.Equal("ip_blocked", (await _host.AuthenticateAsync(issued.Key, IPAddress.Parse("::ffff:203.0.113.7"))).ReasonCode);
        Assert.True((await _host.AuthenticateAsync(issued.Key, IPAddress.Parse("203.0.113.8"))).Succeeded);
        Assert.Contains(_host.Events.Events, e => e.Type == SecurityEventType.IpBlocked && e.ClientIp == "203.0.113.7");

        _host.Time.Advance(TimeSpan.FromMinutes(10));

        Assert.True((await _host.AuthenticateAsync(issued.Key)).Succeeded);
    }

    [Fact]
    public async Task UnblockAsync_BlockedAddress_AuthenticatesAgain()
    {
        var issued = await _host.IssueAsync();
        var blocks = _host.Services.GetRequiredService<IIpBlockList>();
        await blocks.BlockAsync(AuthTestHost.ClientIp, _host.Time.GetUtcNow().AddHours(1), "manual");

        Assert.True(await blocks.UnblockAsync(AuthTestHost.ClientIp));

        Assert.True((await _host.AuthenticateAsync(issued.Key)).Succeeded);
        Assert.False(await blocks.IsBlockedAsync(AuthTestHost.ClientIp));
    }

    [Fact]
    public async Task RevokeAllAsync_Tenant_RevokesEveryActiveKey()
    {
        var first = await _host.IssueAsync();
        var second = await _host.IssueAsync();

        var count = await _host.Keys.RevokeAllAsync("acme", "incident");

        Assert.Equal(2, count);
        Assert.Equal("revoked_key", (await _host.AuthenticateAsync(first.Key)).ReasonCode);
        Assert.Equal("revoked_key", (await _host.AuthenticateAsync(second.Key)).ReasonCode);
    }

    [Fact]
    public async Task AuthenticateAsync_KeyOfUnknownTenant_UnknownTenant()
    {
        var key = ApiKeyFormat.Generate();
        var hasher = _host.Services.GetRequiredService<Internal.ApiKeyHasher>();
        await _host.Services.GetRequiredService<IApiKeyStore>().CreateAsync(new ApiKeyRecord
        {
            Id = "orphan",
            TenantId = "gone",
            Name = "orphan",
            Hash = hasher.Compute(key).ToArray(),
            CreatedAt = _host.Time.GetUtcNow(),
        });

        Assert.Equal("unknown_tenant", (await _host.AuthenticateAsync(key)).ReasonCode);
    }

    [Fact]
    public async Task AuthenticateAsync_Use_RecordedInOneBatchAfterFlushInterval()
    {
        var issued = await _host.IssueAsync();
        for (var i = 0; i < 5; i++)
        {
            await _host.AuthenticateAsync(issued.Key);
        }

        Assert.Null((await _host.Keys.FindAsync("acme", issued.Record.Id))!.LastUsedAt);
        var usedAt = _host.Time.GetUtcNow();

        _host.Time.Advance(TimeSpan.FromMinutes(1));
        await _host.Services.GetRequiredService<Internal.ApiKeyUsageRecorder>().FlushAsync();

        Assert.Equal(usedAt, (await _host.Keys.FindAsync("acme", issued.Record.Id))!.LastUsedAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("x\n")]
    public async Task IssueAsync_InvalidName_Throws(string name)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _host.Keys.IssueAsync("acme", new ApiKeyIssueRequest { Name = name.Replace(" ", "\u0001", StringComparison.Ordinal) }));
    }

    [Fact]
    public async Task IssueAsync_UnknownTenant_Throws()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => _host.Keys.IssueAsync("nobody", new ApiKeyIssueRequest { Name = "x" }));
    }

    [Fact]
    public async Task IssueAsync_PastExpiry_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _host.IssueAsync(expiresAt: _host.Time.GetUtcNow().AddSeconds(-1)));
    }

    [Fact]
    public async Task IssueAsync_StoresOnlyTheHash()
    {
        var issued = await _host.IssueAsync();

        var stored = (await _host.Keys.FindAsync("acme", issued.Record.Id))!;

        Assert.Equal(32, stored.Hash.Length);
        Assert.DoesNotContain(issued.Key, stored.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(issued.Key, issued.ToString(), StringComparison.Ordinal);
        Assert.Contains(_host.Audit.Records, r => r.EventType == "apikey.issued" && r.Data!["key_hash_prefix"] == issued.Record.HashPrefix);
    }

    [Fact]
    public async Task RevokeAsync_WhileAuthenticatingInParallel_EveryLaterAttemptRefused()
    {
        await using var host = new AuthTestHost(o => o.RateLimits.Enabled = false);
        await host.AddTenantAsync();
        var issued = await host.IssueAsync();
        var running = Enumerable.Range(0, 100).Select(_ => Task.Run(async () => await host.AuthenticateAsync(issued.Key))).ToList();

        await host.Keys.RevokeAsync("acme", issued.Record.Id, "leaked");
        await Task.WhenAll(running);

        Assert.All(running, t => Assert.Contains(t.Result.ReasonCode, new[] { "none", "revoked_key" }));
        Assert.Equal("revoked_key", (await host.AuthenticateAsync(issued.Key)).ReasonCode);
    }

    private static void AssertNoSecret(string key, AuditRecord audit, SecurityEvent securityEvent)
    {
        if (key.Length < 10)
        {
            return;
        }

        var texts = new[] { audit.Actor, audit.Resource, audit.Subject, audit.Reason, securityEvent.CredentialId, securityEvent.PrincipalId, securityEvent.Reason }
            .Concat(audit.Data?.Values ?? [])
            .Where(t => t is not null);
        Assert.All(texts, t => Assert.DoesNotContain(key[3..20], t!, StringComparison.Ordinal));
    }
}
