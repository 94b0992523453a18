using TekUp.Security.Auth.Sessions;

namespace TekUp.Security.Storage.Specification.Auth;

/// <summary>Conformance tests every <see cref="ISessionRevocationStore"/> must pass.</summary>
public abstract class SessionRevocationStoreSpecification : StoreSpecification
{
    private ISessionRevocationStore Store => Get<ISessionRevocationStore>();

    [Fact]
    public async Task AddRevocationAsync_ListedUntilTheTokenExpires()
    {
        var expires = Time.GetUtcNow().AddHours(1);
        await Store.AddRevocationAsync(new SessionTokenRevocation { TenantId = "acme", TokenId = "t1", ExpiresAt = expires, RevokedAt = Time.GetUtcNow() });
        await Store.AddRevocationAsync(new SessionTokenRevocation { TenantId = "acme", TokenId = "t1", ExpiresAt = expires, RevokedAt = Time.GetUtcNow() });

        var now = await ToListAsync(Store.ListRevocationsAsync(Time.GetUtcNow()));
        var after = await ToListAsync(Store.ListRevocationsAsync(expires));

        var revocation = Assert.Single(now);
        Assert.Equal("acme", revocation.TenantId);
        Assert.Equal("t1", revocation.TokenId);
        Assert.Equal(expires, revocation.ExpiresAt);
        Assert.Empty(after);
    }

    [Fact]
    public async Task AddCutoffAsync_KeepsTheLaterCutoffPerTenantAndKey()
    {
        var t0 = Time.GetUtcNow();
        await Store.AddCutoffAsync(new SessionCutoff { TenantId = "acme", KeyId = "k1", IssuedBefore = t0.AddMinutes(5) });
        await Store.AddCutoffAsync(new SessionCutoff { TenantId = "acme", KeyId = "k1", IssuedBefore = t0.AddMinutes(1) });
        await Store.AddCutoffAsync(new SessionCutoff { TenantId = "acme", IssuedBefore = t0 });
        await Store.AddCutoffAsync(new SessionCutoff { TenantId = "acme", IssuedBefore = t0.AddMinutes(2) });

        var cutoffs = (await ToListAsync(Store.ListCutoffsAsync())).OrderBy(c => c.KeyId ?? string.Empty, StringComparer.Ordinal).ToList();

        Assert.Equal(2, cutoffs.Count);
        Assert.Null(cutoffs[0].KeyId);
        Assert.Equal(t0.AddMinutes(2), cutoffs[0].IssuedBefore);
        Assert.Equal("k1", cutoffs[1].KeyId);
        Assert.Equal(t0.AddMinutes(5), cutoffs[1].IssuedBefore);
    }

    [Fact]
    public async Task PurgeExpiredAsync_RemovesOnlyExpiredRevocations()
    {
        var now = Time.GetUtcNow();
        await Store.AddRevocationAsync(new SessionTokenRevocation { TenantId = "acme", TokenId = "old", ExpiresAt = now.AddMinutes(-1), RevokedAt = now });
        await Store.AddRevocationAsync(new SessionTokenRevocation { TenantId = "acme", TokenId = "live", ExpiresAt = now.AddMinutes(10), RevokedAt = now });

        var purged = await Store.PurgeExpiredAsync(now);

        Assert.Equal(1, purged);
        Assert.Equal("live", Assert.Single(await ToListAsync(Store.ListRevocationsAsync(now.AddMinutes(-5)))).TokenId);
    }

    [Fact]
    public async Task PurgeExpiredAsync_RemovesCutoffsOlderThanTheLongestTokenLifetime()
    {
        var now = Time.GetUtcNow();
        await Store.AddCutoffAsync(new SessionCutoff { TenantId = "acme", KeyId = "old", IssuedBefore = now - ISessionRevocationStore.CutoffRetention - TimeSpan.FromSeconds(1) });
        await Store.AddCutoffAsync(new SessionCutoff { TenantId = "acme", KeyId = "recent", IssuedBefore = now - TimeSpan.FromHours(23) });

        var purged = await Store.PurgeExpiredAsync(now);

        Assert.Equal(1, purged);
        Assert.Equal("recent", Assert.Single(await ToListAsync(Store.ListCutoffsAsync())).KeyId);
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
