using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TekUp.Security.Auditing;
using TekUp.Security.Auth.Internal;
using TekUp.Security.Events;
using TekUp.Security.Networking;

namespace TekUp.Security.Auth.Networking;

/// <summary>The stored block list with an in-memory snapshot of the active blocks (see <see cref="StoreSnapshot{T}"/>).</summary>
internal sealed class DefaultIpBlockList(
    IIpBlockStore store,
    ISecurityEventPublisher events,
    IAuditTrail audit,
    IOptions<AuthOptions> options,
    TimeProvider timeProvider,
    ILogger<DefaultIpBlockList> logger)
    : StoreSnapshot<Dictionary<IPAddress, DateTimeOffset>>(timeProvider, options.Value.RefreshInterval, logger), IIpBlockList
{
    public async Task<IpBlock> BlockAsync(IPAddress address, DateTimeOffset until, string reason, string? source = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        Names.ThrowIfInvalidReason(reason, nameof(reason));
        if (source is not null && (source.Length is 0 or > 128 || source.Any(char.IsControl)))
        {
            throw new ArgumentException("A source is 1-128 characters without control characters.", nameof(source));
        }

        var now = TimeProvider.GetUtcNow();
        if (until <= now)
        {
            throw new ArgumentException("A block must end in the future.", nameof(until));
        }

        var normalized = IpAddresses.Normalize(address);
        var block = await ChangeAsync(
            async current =>
            {
                var key = normalized.ToString();
                var existing = await store.FindAsync(key, cancellationToken).ConfigureAwait(false);
                var end = existing is not null && existing.BlockedUntil > until ? existing.BlockedUntil : until;
                var block = new IpBlock { Address = key, BlockedUntil = end, CreatedAt = now, Reason = reason, Source = source };
                await store.UpsertAsync(block, cancellationToken).ConfigureAwait(false);
                var next = new Dictionary<IPAddress, DateTimeOffset>(current) { [normalized] = end };
                return (next, block);
            },
            cancellationToken).ConfigureAwait(false);

        events.Publish(new SecurityEvent
        {
            Type = SecurityEventType.IpBlocked,
            Timestamp = now,
            ClientIp = block.Address,
            Reason = reason,
            Properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["blocked_until"] = block.BlockedUntil.ToString("O", System.Globalization.CultureInfo.InvariantCulture) },
        });
        await audit.AppendAsync(
            new AuditRecord
            {
                EventType = "ip.blocked",
                Actor = source ?? "system",
                Subject = "ip:" + block.Address,
                Outcome = AuditOutcome.Success,
                Reason = reason,
                Data = new Dictionary<string, string>(StringComparer.Ordinal) { ["blocked_until"] = block.BlockedUntil.ToString("O", System.Globalization.CultureInfo.InvariantCulture) },
            },
            cancellationToken).ConfigureAwait(false);
        Log.IpBlocked(Logger, block.BlockedUntil, reason);
        return block;
    }

    public async Task<bool> UnblockAsync(IPAddress address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        var normalized = IpAddresses.Normalize(address);
        var removed = await ChangeAsync(
            async current =>
            {
                var removed = await store.RemoveAsync(normalized.ToString(), cancellationToken).ConfigureAwait(false);
                var next = new Dictionary<IPAddress, DateTimeOffset>(current);
                next.Remove(normalized);
                return (next, removed);
            },
            cancellationToken).ConfigureAwait(false);

        if (removed)
        {
            await audit.AppendAsync(
                new AuditRecord { EventType = "ip.unblocked", Actor = "system", Subject = "ip:" + normalized, Outcome = AuditOutcome.Success },
                cancellationToken).ConfigureAwait(false);
        }

        return removed;
    }

    public async ValueTask<bool> IsBlockedAsync(IPAddress address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        var snapshot = await GetAsync(cancellationToken).ConfigureAwait(false);
        return IsBlocked(snapshot, IpAddresses.Normalize(address));
    }

    public async IAsyncEnumerable<IpBlock> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var block in store.ListActiveAsync(TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            yield return block;
        }
    }

    /// <summary>The request-path check on an already normalised address.</summary>
    internal bool IsBlocked(Dictionary<IPAddress, DateTimeOffset> snapshot, IPAddress normalized) =>
        snapshot.Count != 0 && snapshot.TryGetValue(normalized, out var until) && TimeProvider.GetUtcNow() < until;

    protected override async Task<Dictionary<IPAddress, DateTimeOffset>> LoadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await store.PurgeExpiredAsync(now, cancellationToken).ConfigureAwait(false);
        var blocks = new Dictionary<IPAddress, DateTimeOffset>();
        await foreach (var block in store.ListActiveAsync(now, cancellationToken).ConfigureAwait(false))
        {
            if (IpAddresses.TryParse(block.Address, out var address))
            {
                blocks[address] = block.BlockedUntil;
            }
        }

        return blocks;
    }
}
