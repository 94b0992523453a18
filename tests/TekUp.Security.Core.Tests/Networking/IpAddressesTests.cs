using System.Net;
using TekUp.Security.Networking;

namespace TekUp.Security.Core.Tests.Networking;

public class IpAddressesTests
{
    [Theory]
    [InlineData("::ffff:10.1.2.3", "10.1.2.3")]
    [InlineData("::FFFF:192.168.0.1", "192.168.0.1")]
    [InlineData("fe80::1%3", "fe80::1")]
    [InlineData("10.1.2.3", "10.1.2.3")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    public void TryParse_ClientAddress_ReturnsCanonicalForm(string text, string expected)
    {
        Assert.True(IpAddresses.TryParse(text, out var address));
        Assert.Equal(IPAddress.Parse(expected), address);
        Assert.Equal(0, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? address.ScopeId : 0);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not-an-ip")]
    [InlineData("10.0.0.256")]
    [InlineData("10.0.0.1/8")]
    [InlineData("010.1.2.3")]
    [InlineData("0x0a000001")]
    [InlineData("167772161")]
    [InlineData("10.1")]
    public void TryParse_NotAnAddress_ReturnsFalse(string? text)
    {
        Assert.False(IpAddresses.TryParse(text, out _));
    }

    [Fact]
    public void TryParse_HugeInput_ReturnsFalseWithoutParsing()
    {
        Assert.False(IpAddresses.TryParse(new string('1', 1 << 20), out _));
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.0.0.0/8")]
    [InlineData(" 192.168.1.0/24 ", "192.168.1.0/24")]
    [InlineData("2001:db8::/32", "2001:db8::/32")]
    [InlineData("10.1.2.3", "10.1.2.3/32")]
    [InlineData("2001:db8::1", "2001:db8::1/128")]
    [InlineData("::ffff:10.0.0.0/104", "10.0.0.0/8")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    public void TryParseNetwork_ValidCidr_ReturnsCanonicalNetwork(string text, string expected)
    {
        Assert.True(IpAddresses.TryParseNetwork(text, out var network, out var error), error);
        Assert.Equal(expected, network.ToString());
    }

    [Theory]
    [InlineData("10.0.0.1/8", "host bits")]
    [InlineData("192.168.1.1/24", "host bits")]
    [InlineData("2001:db8::1/32", "host bits")]
    [InlineData("10.0.0.0/33", "prefix")]
    [InlineData("10.0.0.0/-1", "prefix")]
    [InlineData("10.0.0.0/", "prefix")]
    [InlineData("2001:db8::/129", "prefix")]
    [InlineData("fe80::%eth0/64", "CIDR")]
    [InlineData("::ffff:10.0.0.0/64", "IPv4-mapped")]
    [InlineData("garbage", "CIDR")]
    [InlineData("010.0.0.0/8", "CIDR")]
    [InlineData("0x0a000000/8", "CIDR")]
    [InlineData("1.2.3/24", "CIDR")]
    [InlineData("10.0.0.0/08", "prefix")]
    [InlineData("", "CIDR")]
    public void TryParseNetwork_InvalidCidr_ExplainsWhy(string text, string expectedInError)
    {
        Assert.False(IpAddresses.TryParseNetwork(text, out _, out var error));
        Assert.Contains(expectedInError, error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TryParseNetwork_HostBits_SuggestsTheMaskedNetwork()
    {
        IpAddresses.TryParseNetwork("10.0.0.1/8", out _, out var error);

        Assert.Contains("10.0.0.0/8", error, StringComparison.Ordinal);
    }
}
