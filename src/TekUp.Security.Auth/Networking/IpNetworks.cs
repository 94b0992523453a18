using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace TekUp.Security.Auth.Networking;

/// <summary>
/// Strict parsing of allow-list entries. .NET 10's <see cref="IPNetwork.Parse(string)"/> silently clears host bits
/// (<c>10.0.0.1/8</c> becomes <c>10.0.0.0/8</c>), which turns a typo into a much wider grant; here a CIDR with host
/// bits set is an error. A bare address is a single-host network (<c>/32</c> or <c>/128</c>). An IPv4-mapped IPv6
/// network (<c>::ffff:10.0.0.0/104</c>) is normalised to its IPv4 network, matching <see cref="ClientAddress"/>.
/// Zone ids are refused: a zone names an interface of one machine and means nothing in a policy.
/// </summary>
public static class IpNetworks
{
    /// <summary>Parses an entry, or returns <see langword="false"/> with a reason that names the problem.</summary>
    /// <param name="text">A CIDR (<c>192.0.2.0/24</c>, <c>2001:db8::/32</c>) or a single address.</param>
    /// <param name="network">The parsed network.</param>
    /// <param name="error">Why the entry was refused.</param>
    public static bool TryParse(string? text, out IPNetwork network, [NotNullWhen(false)] out string? error)
    {
        network = default;
        if (string.IsNullOrEmpty(text) || text.Length > 64)
        {
            error = "An allow-list entry must be 1-64 characters.";
            return false;
        }

        if (text.Contains('%', StringComparison.Ordinal))
        {
            error = $"'{text}' has an IPv6 zone id; zone ids are not allowed in an allow-list.";
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressPart = slash < 0 ? text.AsSpan() : text.AsSpan(0, slash);
        if (addressPart.IsEmpty || char.IsWhiteSpace(addressPart[0]) || char.IsWhiteSpace(text[^1]) || !IPAddress.TryParse(addressPart, out var address))
        {
            error = $"'{text}' is not an IPv4 or IPv6 address or CIDR.";
            return false;
        }

        var maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = maxPrefix;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out prefix) || prefix > maxPrefix))
        {
            error = $"'{text}' has an invalid prefix length (0-{maxPrefix}).";
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            if (prefix < 96)
            {
                error = $"'{text}' is an IPv4-mapped network with a prefix shorter than 96.";
                return false;
            }

            address = address.MapToIPv4();
            prefix -= 96;
        }

        // Checked by hand: IPNetwork.Parse would mask the host bits instead of refusing them.
        var masked = new IPNetwork(Mask(address, prefix), prefix);
        if (!masked.BaseAddress.Equals(address))
        {
            error = $"'{text}' has host bits set after the /{prefix} prefix; did you mean '{masked}'?";
            return false;
        }

        network = masked;
        error = null;
        return true;
    }

    /// <summary>Parses an entry strictly.</summary>
    /// <param name="text">A CIDR or a single address.</param>
    /// <exception cref="FormatException">The entry is invalid or has host bits set.</exception>
    public static IPNetwork Parse(string text) =>
        TryParse(text, out var network, out var error) ? network : throw new FormatException(error);

    /// <summary>Checks every entry of an allow-list and returns one message per invalid entry (empty when all are valid).</summary>
    /// <param name="entries">The entries, for example <see cref="Tenants.Tenant.IpAllowList"/>.</param>
    public static IReadOnlyList<string> Validate(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var errors = new List<string>();
        foreach (var entry in entries)
        {
            if (!TryParse(entry, out _, out var error))
            {
                errors.Add(error);
            }
        }

        return errors;
    }

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var length);
        bytes = bytes[..length];
        for (var i = 0; i < length; i++)
        {
            var bitsInByte = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bitsInByte));
        }

        return new IPAddress(bytes);
    }
}
