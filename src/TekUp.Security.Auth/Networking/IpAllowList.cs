using System.Net;
using TekUp.Security.Networking;

namespace TekUp.Security.Auth.Networking;

/// <summary>
/// A parsed allow-list: a client is allowed when its normalised address is in one of the networks. An empty list
/// allows every address (no restriction). Immutable and thread-safe.
/// </summary>
public sealed class IpAllowList
{
    private readonly IPNetwork[] _networks;

    private IpAllowList(IPNetwork[] networks) => _networks = networks;

    /// <summary>The list that allows every address.</summary>
    public static IpAllowList Unrestricted { get; } = new([]);

    /// <summary>The networks of the list.</summary>
    public IReadOnlyList<IPNetwork> Networks => _networks;

    /// <summary><see langword="true"/> when the list is empty and so allows every address.</summary>
    public bool IsUnrestricted => _networks.Length == 0;

    /// <summary>Parses every entry strictly (see <see cref="IpAddresses.TryParseNetwork"/>), or returns the problems found.</summary>
    /// <param name="entries">CIDRs or single addresses.</param>
    /// <param name="allowList">The parsed list.</param>
    /// <param name="errors">One message per invalid entry.</param>
    public static bool TryCreate(IEnumerable<string> entries, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IpAllowList? allowList, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var networks = new List<IPNetwork>();
        var problems = new List<string>();
        foreach (var entry in entries)
        {
            if (IpAddresses.TryParseNetwork(entry, out var network, out var error))
            {
                networks.Add(network);
            }
            else
            {
                problems.Add(error);
            }
        }

        errors = problems;
        allowList = problems.Count == 0 ? (networks.Count == 0 ? Unrestricted : new IpAllowList([.. networks])) : null;
        return allowList is not null;
    }

    /// <summary>Whether <paramref name="address"/> (normalised first) is allowed.</summary>
    /// <param name="address">The client address.</param>
    public bool Allows(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (_networks.Length == 0)
        {
            return true;
        }

        var normalized = IpAddresses.Normalize(address);
        foreach (var network in _networks)
        {
            if (network.Contains(normalized))
            {
                return true;
            }
        }

        return false;
    }
}
