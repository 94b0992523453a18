using TekUp.Security.Auth.Networking;

namespace TekUp.Security.Storage.Specification.Auth;

/// <summary>Conformance tests every <see cref="IIpBlockStore"/> must pass.</summary>
public abstract class IpBlockStoreSpecification : StoreSpecification
{
    private IIpBlockStore Store => Get<IIpBlockStore>();

    private IpBlock Block(string address, TimeSpan duration) => new()
    {
        Address = address,
        BlockedUntil = Time.GetUtcNow() + duration,
        CreatedAt = Time.GetUtcNow(),
        Reason = "brute_force",
        Source = "incidents",
    };

    [Fact]
    public async Task UpsertAsync_NewBlock_CanBeFoundWithEveryField()
    {
        var block = Block("192.0.2.10", TimeSpan.FromMinutes(10));
        await Store.UpsertAsync(block);

        var found = await Store.FindAsync("192.0.2.10");

        Assert.Equal(block, found);
    }

    [Fact]
    public async Task UpsertAsync_ExistingAddress_ReplacesTheBlock()
    {
        await Store.UpsertAsync(Block("2001:db8::1", TimeSpan.FromMinutes(10)));
        var longer = Block("2001:db8::1", TimeSpan.FromHours(1)) with { Reason = "repeat_offender" };

        await Store.UpsertAsync(longer);

        Assert.Equal(longer, await Store.FindAsync("2001:db8::1"));
    }

    [Fact]
    public async Task ListActiveAsync_ReturnsOnlyBlocksThatHaveNotEnded()
    {
        await Store.UpsertAsync(Block("192.0.2.2", TimeSpan.FromMinutes(10)));
        await Store.UpsertAsync(Block("192.0.2.1", TimeSpan.FromMinutes(1)));

        var now = await ListAsync(Time.GetUtcNow());
        var later = await ListAsync(Time.GetUtcNow().AddMinutes(5));

        Assert.Equal(["192.0.2.1", "192.0.2.2"], now);
        Assert.Equal(["192.0.2.2"], later);
    }

    [Fact]
    public async Task RemoveAsync_ExistingAndMissing_ReportsWhetherRemoved()
    {
        await Store.UpsertAsync(Block("192.0.2.1", TimeSpan.FromMinutes(10)));

        Assert.True(await Store.RemoveAsync("192.0.2.1"));
        Assert.False(await Store.RemoveAsync("192.0.2.1"));
        Assert.Null(await Store.FindAsync("192.0.2.1"));
    }

    [Fact]
    public async Task PurgeExpiredAsync_RemovesEndedBlocks()
    {
        await Store.UpsertAsync(Block("192.0.2.1", TimeSpan.FromMinutes(1)));
        await Store.UpsertAsync(Block("192.0.2.2", TimeSpan.FromMinutes(10)));

        var purged = await Store.PurgeExpiredAsync(Time.GetUtcNow().AddMinutes(2));

        Assert.Equal(1, purged);
        Assert.Null(await Store.FindAsync("192.0.2.1"));
        Assert.NotNull(await Store.FindAsync("192.0.2.2"));
    }

    private async Task<List<string>> ListAsync(DateTimeOffset now)
    {
        var addresses = new List<string>();
        await foreach (var block in Store.ListActiveAsync(now))
        {
            addresses.Add(block.Address);
        }

        return addresses;
    }
}
