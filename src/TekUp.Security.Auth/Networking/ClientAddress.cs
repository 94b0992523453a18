using System.Net;
using System.Net.Sockets;

namespace TekUp.Security.Auth.Networking;

/// <summary>
/// The one normal form of a client address that every piece of IP-keyed state uses (allow-lists, blocks, rate-limit
/// partitions, security events): an IPv4-mapped IPv6 address (<c>::ffff:192.0.2.1</c>) becomes the IPv4 address, and an
/// IPv6 zone id (<c>fe80::1%eth0</c>) is dropped. So one client is one key, whichever socket family it arrived on.
/// </summary>
public static class ClientAddress
{
    /// <summary>Returns the normal form of <paramref name="address"/> (the same instance when it is already normal).</summary>
    /// <param name="address">An address as a socket or a proxy reported it.</param>
    public static IPAddress Normalize(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.ScopeId != 0)
        {
            Span<byte> bytes = stackalloc byte[16];
            address.TryWriteBytes(bytes, out _);
            return new IPAddress(bytes);
        }

        return address;
    }

    /// <summary>
    /// Parses an address (IPv4, IPv6, IPv6 with a zone id) and returns its normal form; <see langword="false"/> for
    /// anything else, including CIDR notation and surrounding whitespace.
    /// </summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="address">The normalised address.</param>
    public static bool TryParse(ReadOnlySpan<char> text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (text.IsEmpty || text.Length > 64 || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) || text.Contains('/'))
        {
            return false;
        }

        if (!IPAddress.TryParse(text, out var parsed))
        {
            return false;
        }

        address = Normalize(parsed);
        return true;
    }

    /// <summary>The normal form as text: dotted IPv4 or compressed IPv6 without a zone id.</summary>
    /// <param name="address">Any address.</param>
    public static string ToNormalizedString(IPAddress address) => Normalize(address).ToString();
}
