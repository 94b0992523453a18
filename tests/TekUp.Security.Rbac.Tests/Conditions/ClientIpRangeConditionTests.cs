using System.Net;

namespace TekUp.Security.Rbac.Tests.Conditions;

public sealed class ClientIpRangeConditionTests : IAsyncDisposable
{
    private readonly RbacHarness _h = new();

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    private async Task<AccessDecision> CheckFromAsync(string? clientAddress)
    {
        await _h.CreateRoleAsync("office", Permission.Allow("payroll", "read").When(PermissionCondition.ClientIpRange("10.0.0.0/8", "2001:db8::/32")));
        var alice = await _h.UserWithRolesAsync("alice", "office");
        _h.ClientAddress.Set(clientAddress);
        return await _h.CheckAsync(alice, "payroll", "read");
    }

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("::ffff:10.1.2.3", true)] // IPv4-mapped IPv6, as a dual-stack socket reports an IPv4 client
    [InlineData("2001:db8:1::5", true)]
    [InlineData("fe80::1%3", false)]
    [InlineData("11.0.0.1", false)]
    [InlineData("::ffff:11.0.0.1", false)]
    [InlineData("2001:db9::1", false)]
    public async Task CheckAsync_ClientAddress_AllowsOnlyInsideTheNetworks(string address, bool allowed)
    {
        var decision = await CheckFromAsync(address);

        Assert.Equal(allowed, decision.IsAllowed);
        if (!allowed)
        {
            Assert.Contains("outside the allowed networks", decision.Explanation, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CheckAsync_ClientAddressUnknown_DoesNotAllow()
    {
        var decision = await CheckFromAsync(null);

        Assert.Equal(AccessDecisionReason.ConditionNotMet, decision.Reason);
        Assert.Contains("client address is unknown", decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_DenyFromNetwork_DeniesThereAndFailsClosedWithoutAddress()
    {
        await _h.CreateRoleAsync(
            "remote",
            Permission.Allow("customers", "read"),
            Permission.Deny("customers", "read").When(PermissionCondition.ClientIpRange("192.0.2.0/24")));
        var alice = await _h.UserWithRolesAsync("alice", "remote");

        _h.ClientAddress.ClientAddress = IPAddress.Parse("192.0.2.9").MapToIPv6();
        var fromDeniedNetwork = await _h.CheckAsync(alice, "customers", "read");
        _h.ClientAddress.Set("198.51.100.1");
        var fromElsewhere = await _h.CheckAsync(alice, "customers", "read");
        _h.ClientAddress.Set(null);
        var unknown = await _h.CheckAsync(alice, "customers", "read");

        Assert.Equal(AccessDecisionReason.ExplicitDeny, fromDeniedNetwork.Reason);
        Assert.True(fromElsewhere.IsAllowed);
        Assert.Equal(AccessDecisionReason.ExplicitDeny, unknown.Reason);
    }

    [Theory]
    [InlineData("10.0.0.1/8")] // host bits set: refused, not silently masked
    [InlineData("10.0.0.0/33")]
    [InlineData("not-an-ip")]
    [InlineData("")]
    public async Task CreateRoleAsync_MalformedNetwork_IsRefused(string network)
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            _h.CreateRoleAsync("bad", Permission.Allow("payroll", "read").When(PermissionCondition.ClientIpRange(network))));
    }

    [Fact]
    public async Task CreateRoleAsync_MappedNetwork_IsStoredInIpv4Form()
    {
        var role = await _h.CreateRoleAsync("mapped", Permission.Allow("payroll", "read").When(PermissionCondition.ClientIpRange("::ffff:10.0.0.0/104")));

        var condition = Assert.IsType<ClientIpRangeCondition>(Assert.Single(role.Permissions[0].Conditions));
        Assert.Equal(["10.0.0.0/8"], condition.Networks);
    }
}
