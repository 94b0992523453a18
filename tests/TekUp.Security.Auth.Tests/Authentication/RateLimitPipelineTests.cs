using System.Net;
using TekUp.Security.Auth.RateLimiting;
using TekUp.Security.Auth.Tests.Infrastructure;
using TekUp.Security.Events;

namespace TekUp.Security.Auth.Tests.Authentication;

public sealed class RateLimitPipelineTests
{
    private static void Limits(AuthOptions o, int perKey = 2, int perIp = 100)
    {
        o.RateLimits.PerApiKey = new TokenBucketSettings { TokenLimit = perKey, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromSeconds(30) };
        o.RateLimits.PerClientIp = new TokenBucketSettings { TokenLimit = perIp, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromSeconds(30) };
    }

    [Fact]
    public async Task AuthenticateAsync_KeyOverLimit_RateLimitedWithRetryAfter_ThenRecovers()
    {
        await using var host = new AuthTestHost(o => Limits(o));
        await host.AddTenantAsync();
        var issued = await host.IssueAsync();

        Assert.True((await host.AuthenticateAsync(issued.Key)).Succeeded);
        Assert.True((await host.AuthenticateAsync(issued.Key, IPAddress.Parse("198.51.100.9"))).Succeeded);
        var limited = await host.AuthenticateAsync(issued.Key);

        Assert.Equal("rate_limited", limited.ReasonCode);
        Assert.Equal(TimeSpan.FromSeconds(30), limited.RetryAfter);
        Assert.Equal(issued.Record.Id, limited.KeyId);
        Assert.Equal(SecurityEventType.RateLimited, host.Events.Events.Last().Type);

        host.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.True((await host.AuthenticateAsync(issued.Key)).Succeeded);
    }

    [Fact]
    public async Task AuthenticateAsync_ClientOverLimit_RefusedBeforeFormatCheck()
    {
        await using var host = new AuthTestHost(o => Limits(o, perIp: 2));

        await host.AuthenticateAsync("garbage");
        await host.AuthenticateAsync("garbage");
        var limited = await host.AuthenticateAsync("garbage");

        Assert.Equal("rate_limited", limited.ReasonCode);
        Assert.NotNull(limited.RetryAfter);
        Assert.Null(limited.KeyId);
    }

    [Fact]
    public async Task AuthenticateAsync_MappedAndPlainIpv4_ShareOneClientBucket()
    {
        await using var host = new AuthTestHost(o => Limits(o, perIp: 2));

        await host.AuthenticateAsync("garbage", IPAddress.Parse("192.0.2.1"));
        await host.AuthenticateAsync("garbage", IPAddress.Parse("::ffff:192.0.2.1"));

        Assert.Equal("rate_limited", (await host.AuthenticateAsync("garbage", IPAddress.Parse("192.0.2.1"))).ReasonCode);
    }

    [Fact]
    public async Task AuthenticateAsync_TenantOverride_AppliesToThatTenantsKeys()
    {
        await using var host = new AuthTestHost(o =>
        {
            Limits(o, perKey: 1);
            o.RateLimits.Tenants["big"] = new TokenBucketSettings { TokenLimit = 5, TokensPerPeriod = 5, ReplenishmentPeriod = TimeSpan.FromSeconds(1) };
        });
        await host.AddTenantAsync();
        await host.AddTenantAsync("big");
        var small = await host.IssueAsync();
        var big = await host.IssueAsync("big");

        var smallResults = new[] { await host.AuthenticateAsync(small.Key), await host.AuthenticateAsync(small.Key) };
        var bigResults = new[] { await host.AuthenticateAsync(big.Key), await host.AuthenticateAsync(big.Key), await host.AuthenticateAsync(big.Key) };

        Assert.Equal([true, false], smallResults.Select(r => r.Succeeded));
        Assert.All(bigResults, r => Assert.True(r.Succeeded));
    }

    [Fact]
    public async Task AuthenticateAsync_RepeatedRefusals_AuditOnlyFirstButEventEachTime()
    {
        await using var host = new AuthTestHost(o => Limits(o, perIp: 1));
        await host.AuthenticateAsync("garbage");
        var auditBefore = host.Audit.Records.Count;

        for (var i = 0; i < 5; i++)
        {
            await host.AuthenticateAsync("garbage");
        }

        Assert.Equal(5, host.Events.Events.Count(e => e.Type == SecurityEventType.RateLimited));
        Assert.Equal(1, host.Audit.Records.Count - auditBefore);
    }

    [Fact]
    public async Task AuthenticateAsync_Disabled_NeverLimits()
    {
        await using var host = new AuthTestHost(o =>
        {
            Limits(o, perKey: 1, perIp: 1);
            o.RateLimits.Enabled = false;
        });
        await host.AddTenantAsync();
        var issued = await host.IssueAsync();

        for (var i = 0; i < 5; i++)
        {
            Assert.True((await host.AuthenticateAsync(issued.Key)).Succeeded);
        }
    }

    [Fact]
    public async Task AuthenticateAsync_ParallelRequests_AdmitExactlyTheBurst()
    {
        await using var host = new AuthTestHost(o => Limits(o, perKey: 50, perIp: 10_000));
        await host.AddTenantAsync();
        var issued = await host.IssueAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(async () => await host.AuthenticateAsync(issued.Key))));

        Assert.Equal(50, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal("rate_limited", r.ReasonCode));
    }
}
