using System.Net;
using TekUp.Security.Networking;

namespace TekUp.Security.Auth.Networking;

/// <summary>
/// The blocked-address list that authentication enforces, fed by operators and by the Incidents module's containment
/// actions. Blocks are stored, so they survive restarts; each instance keeps the active ones in memory, so a check is
/// a dictionary lookup. A block made in this process takes effect at once; one made by another instance within
/// <see cref="AuthOptions.RefreshInterval"/>. Addresses are normalised first (see <see cref="IpAddresses.Normalize"/>).
/// </summary>
public interface IIpBlockList
{
    /// <summary>
    /// Blocks an address until <paramref name="until"/>. Blocking an address that is already blocked keeps the
    /// later end. Idempotent. Raises <see cref="Events.SecurityEventType.IpBlocked"/> and writes an audit entry.
    /// </summary>
    /// <exception cref="ArgumentException">The end is not in the future, or the reason is not a reason code (1-64 letters, digits, '.', '-', '_').</exception>
    Task<IpBlock> BlockAsync(IPAddress address, DateTimeOffset until, string reason, string? source = null, CancellationToken cancellationToken = default);

    /// <summary>Lifts the block of an address. Returns <see langword="false"/> when it was not blocked.</summary>
    Task<bool> UnblockAsync(IPAddress address, CancellationToken cancellationToken = default);

    /// <summary>Whether the address is blocked now, from the in-memory list (loads it from the store on first use).</summary>
    ValueTask<bool> IsBlockedAsync(IPAddress address, CancellationToken cancellationToken = default);

    /// <summary>Lists the active blocks from the store.</summary>
    IAsyncEnumerable<IpBlock> ListAsync(CancellationToken cancellationToken = default);
}
