using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TekUp.Security.Networking;

/// <summary>
/// The one place where client addresses and networks are normalised, so that every piece of IP-keyed state
/// (allow-lists, blocks, rate-limit partitions, detection windows) treats one client as one key.
/// </summary>
public static class IpAddresses
{
    /// <summary>
    /// Returns the canonical form of an address: an IPv4-mapped IPv6 address (<c>::ffff:10.1.2.3</c>) becomes
    /// the IPv4 address, and an IPv6 zone id (<c>fe80::1%eth0</c>) is dropped.
    /// </summary>
    public static IPAddress Normalize(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0)
        {
            return new IPAddress(address.GetAddressBytes());
        }

        return address;
    }

    /// <summary>Parses and normalises a client address; <see langword="false"/> for anything that is not an IP address.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64 || !TryParseStrict(text.Trim(), out var parsed))
        {
            return false;
        }

        address = Normalize(parsed);
        return true;
    }

    /// <summary>
    /// <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> also reads legacy IPv4 forms: <c>010.0.0.1</c> as octal
    /// (8.0.0.1), <c>0x0a000001</c> as hex and <c>167772161</c> as one number, so an allow-list entry meant for 10.0.0.0/8
    /// would silently allow a public network. Only the canonical dotted quad is accepted for IPv4.
    /// </summary>
    private static bool TryParseStrict(string text, [NotNullWhen(true)] out IPAddress? address)
    {
        if (!IPAddress.TryParse(text, out address))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork && !string.Equals(address.ToString(), text, StringComparison.Ordinal))
        {
            address = null;
            return false;
        }

        return true;
    }

    /// <summary>
    /// Parses a network in CIDR notation strictly. Unlike <see cref="IPNetwork.Parse(string)"/>, which silently masks
    /// host bits, a network with host bits set (<c>10.0.0.1/8</c>) is refused, because it is almost always a typo
    /// that would otherwise grant far more than intended. A bare address is read as a single-host network. An
    /// IPv4-mapped IPv6 network (<c>::ffff:10.0.0.0/104</c>) is converted to its IPv4 form.
    /// </summary>
    /// <param name="text">The CIDR text.</param>
    /// <param name="network">The network when valid.</param>
    /// <param name="error">Why the text was refused, when it was.</param>
    public static bool TryParseNetwork([NotNullWhen(true)] string? text, out IPNetwork network, [NotNullWhen(false)] out string? error)
    {
        network = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64)
        {
            error = "A network must be CIDR text such as 10.0.0.0/8 or 2001:db8::/32.";
            return false;
        }

        var trimmed = text.Trim();
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? trimmed : trimmed[..slash];
        if (addressText.Contains('%', StringComparison.Ordinal) || !TryParseStrict(addressText, out var address))
        {
            error = $"'{trimmed}' is not a network in CIDR notation.";
            return false;
        }

        var maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = maxPrefix;
        var prefixText = slash >= 0 ? trimmed.AsSpan(slash + 1) : default;
        if (slash >= 0 && (prefixText.Length is 0 or > 3 || (prefixText.Length > 1 && prefixText[0] == '0')
            || !int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > maxPrefix))
        {
            error = $"'{trimmed}' has an invalid prefix length (0-{maxPrefix}).";
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            if (prefix < 96)
            {
                error = $"'{trimmed}' is an IPv4-mapped network with a prefix shorter than /96; write the IPv4 network instead.";
                return false;
            }

            address = address.MapToIPv4();
            prefix -= 96;
        }

        var candidate = new IPNetwork(Mask(address, prefix), prefix);
        if (!candidate.BaseAddress.Equals(address))
        {
            error = $"'{trimmed}' has host bits set; did you mean {candidate}?";
            return false;
        }

        network = candidate;
        error = null;
        return true;
    }

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bitsInByte = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bitsInByte));
        }

        return new IPAddress(bytes);
    }
}
