using IPNetwork = System.Net.IPNetwork;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace TekUp.Security.AspNetCore.Tests.Networking;

public sealed class TekUpForwardedHeadersExtensionsTests
{
    private static ForwardedHeadersOptions Configure(params string[] proxies)
    {
        var services = new ServiceCollection();
        services.AddTekUpForwardedHeaders(proxies);
        return services.BuildServiceProvider().GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
    }

    [Fact]
    public void AddTekUpForwardedHeaders_NoProxies_TrustsNothingNotEvenLoopback()
    {
        var options = Configure();

        Assert.Empty(options.KnownProxies);
        Assert.Empty(options.KnownIPNetworks);
        Assert.Equal(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, options.ForwardedHeaders);
    }

    [Fact]
    public void AddTekUpForwardedHeaders_ProxiesAndNetworks_Trusted()
    {
        var options = Configure("10.0.0.5", "2001:db8::/64", "::ffff:192.0.2.0/120");

        Assert.Equal(
            [IPNetwork.Parse("10.0.0.5/32"), IPNetwork.Parse("2001:db8::/64"), IPNetwork.Parse("192.0.2.0/24")],
            options.KnownIPNetworks);
        Assert.Equal(1, options.ForwardLimit);
    }

    [Theory]
    [InlineData("10.0.0.5/8")]
    [InlineData("proxy.internal")]
    [InlineData("fe80::1%eth0")]
    public void AddTekUpForwardedHeaders_InvalidEntry_Throws(string entry)
    {
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddTekUpForwardedHeaders([entry]));
    }
}
