using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using TekUp.Security.Auditing;
using TekUp.Security.Storage;
using TekUp.Security.Tenants;

namespace TekUp.Security.Core.Tests.Tenants;

public class DefaultTenantServiceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly IAuditTrail _audit = Substitute.For<IAuditTrail>();
    private readonly ITenantStore _store;
    private readonly DefaultTenantService _service;

    public DefaultTenantServiceTests()
    {
        var services = new ServiceCollection();
        services.AddTekUpSecurity().UseInMemoryStores();
        _store = services.BuildServiceProvider().GetRequiredService<ITenantStore>();
        _service = new DefaultTenantService(_store, _audit, _time);
    }

    [Fact]
    public async Task CreateAsync_ValidTenant_StoresCanonicalNetworksAndAudits()
    {
        var tenant = await _service.CreateAsync("acme", " Acme ApS ", ["10.0.0.0/8", "::ffff:192.168.0.0/112", "10.0.0.0/8"]);

        Assert.Equal("Acme ApS", tenant.Name);
        Assert.Equal(["10.0.0.0/8", "192.168.0.0/16"], tenant.IpAllowList);
        Assert.Equal(_time.GetUtcNow(), tenant.CreatedAt);
        await _audit.Received(1).AppendAsync(Arg.Is<AuditRecord>(r => r.EventType == "tenant.created" && r.TenantId == "acme"), Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("æøå")]
    [InlineData("a/b")]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234")]
    public async Task CreateAsync_InvalidId_ThrowsArgumentAndWritesNothing(string id)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _service.CreateAsync(id, "Name"));

        Assert.Empty(await ListAsync());
    }

    [Theory]
    [InlineData("Evil\nINFO fake log line")]
    [InlineData("x\u0000\u001b[31m")]
    public async Task CreateAsync_NameWithControlCharacters_ThrowsAndWritesNothing(string name)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _service.CreateAsync("acme", name));

        Assert.Null(await _store.FindAsync("acme"));
    }

    [Fact]
    public async Task CreateAsync_OctalLookingCidr_IsRefusedNotReadAsAnotherNetwork()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _service.CreateAsync("acme", "Acme", ["010.0.0.0/8"]));

        Assert.Null(await _store.FindAsync("acme"));
    }

    [Fact]
    public async Task CreateAsync_CidrWithHostBits_ThrowsAndWritesNothing()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _service.CreateAsync("acme", "Acme", ["10.0.0.1/8"]));

        Assert.Contains("host bits", ex.Message, StringComparison.Ordinal);
        Assert.Null(await _store.FindAsync("acme"));
        await _audit.DidNotReceiveWithAnyArgs().AppendAsync(default!, default);
    }

    [Fact]
    public async Task CreateAsync_DuplicateId_ThrowsDuplicateRecord()
    {
        await _service.CreateAsync("acme", "Acme");

        await Assert.ThrowsAsync<DuplicateRecordException>(() => _service.CreateAsync("acme", "Acme again"));
    }

    [Fact]
    public async Task SetStatusAsync_Suspend_ChangesStatusAndAudits()
    {
        await _service.CreateAsync("acme", "Acme");
        _time.Advance(TimeSpan.FromHours(1));

        var tenant = await _service.SetStatusAsync("acme", TenantStatus.Suspended);

        Assert.Equal(TenantStatus.Suspended, tenant.Status);
        Assert.Equal(_time.GetUtcNow(), tenant.UpdatedAt);
        await _audit.Received(1).AppendAsync(Arg.Is<AuditRecord>(r => r.EventType == "tenant.status_changed"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task SetStatusAsync_UnknownStatus_Throws()
    {
        await _service.CreateAsync("acme", "Acme");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _service.SetStatusAsync("acme", (TenantStatus)42));
    }

    [Theory]
    [InlineData("ghost")]
    [InlineData("not valid id")]
    public async Task SetStatusAsync_UnknownTenant_ThrowsKeyNotFound(string id)
    {
        await Assert.ThrowsAsync<KeyNotFoundException>(() => _service.SetStatusAsync(id, TenantStatus.Suspended));
    }

    [Fact]
    public async Task SetIpAllowListAsync_ConcurrentChanges_BothRetryAndLastWriteWins()
    {
        await _service.CreateAsync("acme", "Acme");

        await Task.WhenAll(
            Enumerable.Range(0, 4).Select(i => _service.SetIpAllowListAsync("acme", [$"10.{i}.0.0/16"])));

        var tenant = await _store.FindAsync("acme");
        Assert.Equal(5, tenant!.Version);
        Assert.Single(tenant.IpAllowList);
    }

    private async Task<List<Tenant>> ListAsync()
    {
        var list = new List<Tenant>();
        await foreach (var t in _store.ListAsync())
        {
            list.Add(t);
        }

        return list;
    }
}

public class TenantServiceRegistrationTests
{
    [Fact]
    public async Task AddTekUpSecurity_WithStores_ResolvesWorkingTenantService()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTekUpSecurity().UseInMemoryStores();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var tenants = provider.GetRequiredService<ITenantService>();
        await tenants.CreateAsync("acme", "Acme");

        Assert.NotNull(await tenants.FindAsync("acme"));
    }
}
