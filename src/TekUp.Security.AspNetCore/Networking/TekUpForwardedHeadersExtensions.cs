using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using TekUp.Security.Networking;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Configures ASP.NET Core's forwarded-headers middleware so that only known proxies are believed.</summary>
public static class TekUpForwardedHeadersExtensions
{
    /// <summary>
    /// Configures <see cref="ForwardedHeadersOptions"/> to trust <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> only
    /// from <paramref name="knownProxies"/> (addresses or CIDR networks, parsed strictly: host bits set is an error), and
    /// from nothing else. ASP.NET Core's defaults trust the loopback addresses; these are cleared, so with an empty list
    /// no forwarded header is believed and the client address is the connection's. One hop is read (the address the
    /// last known proxy saw). The host still calls <c>app.UseForwardedHeaders()</c>, first in the pipeline.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="knownProxies">The reverse proxies in front of the application.</param>
    /// <exception cref="ArgumentException">An entry is not a valid address or network.</exception>
    public static IServiceCollection AddTekUpForwardedHeaders(this IServiceCollection services, IEnumerable<string> knownProxies)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(knownProxies);
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in knownProxies)
        {
            if (!IpAddresses.TryParseNetwork(entry, out var network, out var error))
            {
                throw new ArgumentException(error, nameof(knownProxies));
            }

            networks.Add(network);
        }

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }
}
