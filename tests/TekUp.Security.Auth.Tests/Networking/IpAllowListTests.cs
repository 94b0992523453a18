using System.Net;
using TekUp.Security.Auth.Networking;

namespace TekUp.Security.Auth.Tests.Networking;

public sealed class IpAllowListTests
{
    [Theory]
    [InlineData("10.0.0.1/8")]
    [InlineData("192.168.1.1/24")]
    [InlineData("2001:db8::1/32")]
    [InlineData("::ffff:10.0.0.1/104")]
    public void TryCreate_CidrWithHostBits_Refused(string cidr)
    {
        Assert.False(IpAllowList.TryCreate([cidr], out _, out var errors));
        Assert.Contains("host bits", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fe80::1%eth0/128")]
    [InlineData("not-an-ip")]
    [InlineData("10.0.0.0/33")]
    [InlineData("")]
    public void TryCreate_InvalidEntry_Refused(string entry)
    {
        Assert.False(IpAllowList.TryCreate([entry], out _, out var errors));
        Assert.Single(errors);
    }

    [Fact]
    public void TryCreate_SeveralProblems_ListsEach()
    {
        Assert.False(IpAllowList.TryCreate(["10.0.0.1/8", "192.0.2.0/24", "bogus"], out _, out var errors));
        Assert.Equal(2, errors.Count);
    }

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("11.0.0.1", false)]
    [InlineData("::ffff:11.0.0.1", false)]
    [InlineData("2001:db8::5", true)]
    [InlineData("2001:db9::5", false)]
    [InlineData("fe80::1%2", true)]
    public void Allows_NormalisesClientBeforeMatching(string client, bool allowed)
    {
        Assert.True(IpAllowList.TryCreate(["10.0.0.0/8", "2001:db8::/32", "fe80::/64"], out var list, out _));

        Assert.Equal(allowed, list.Allows(IPAddress.Parse(client)));
    }

    [Fact]
    public void Allows_Ipv4MappedNetworkEntry_MatchesPlainIpv4Client()
    {
        Assert.True(IpAllowList.TryCreate(["::ffff:10.0.0.0/104"], out var list, out _));

        Assert.True(list.Allows(IPAddress.Parse("10.9.8.7")));
        Assert.False(list.Allows(IPAddress.Parse("11.0.0.1")));
    }

    [Fact]
    public void Allows_EmptyList_AllowsEveryAddress()
    {
        Assert.True(IpAllowList.TryCreate([], out var list, out _));

        Assert.True(list.IsUnrestricted);
        Assert.True(list.Allows(IPAddress.Parse("198.51.100.1")));
    }

    [Fact]
    public void Allows_SingleAddressEntry_IsOneHost()
    {
        Assert.True(IpAllowList.TryCreate(["192.0.2.10"], out var list, out _));

        Assert.True(list.Allows(IPAddress.Parse("192.0.2.10")));
        Assert.False(list.Allows(IPAddress.Parse("192.0.2.11")));
    }
}
