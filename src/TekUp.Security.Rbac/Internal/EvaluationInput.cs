using System.Net;
using TekUp.Security.Networking;
using TekUp.Security.Principals;

namespace TekUp.Security.Rbac.Internal;

/// <summary>
/// What conditions may read during one check. The clock and the client address are read lazily, at most once per
/// check, and only when a candidate permission carries a condition that needs them.
/// </summary>
internal struct EvaluationInput(SecurityPrincipal principal, ResourceContext? resource, TimeProvider time, IClientAddressAccessor addresses)
{
    private DateTimeOffset _now;
    private bool _haveNow;
    private IPAddress? _clientAddress;
    private bool _haveClientAddress;

    public readonly SecurityPrincipal Principal => principal;

    public readonly ResourceContext? Resource => resource;

    public DateTimeOffset UtcNow
    {
        get
        {
            if (!_haveNow)
            {
                _now = time.GetUtcNow();
                _haveNow = true;
            }

            return _now;
        }
    }

    /// <summary>The normalised client address (IPv4-mapped IPv6 as IPv4), or <see langword="null"/> when unknown.</summary>
    public IPAddress? ClientAddress
    {
        get
        {
            if (!_haveClientAddress)
            {
                var address = addresses.ClientAddress;
                _clientAddress = address is null ? null : IpAddresses.Normalize(address);
                _haveClientAddress = true;
            }

            return _clientAddress;
        }
    }
}
