using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TekUp.Security.Auth.Internal;

namespace TekUp.Security.Auth.Sessions;

/// <summary>The revoked tokens and cut-offs in memory (see <see cref="StoreSnapshot{T}"/>).</summary>
internal sealed class SessionRevocationCache(
    ISessionRevocationStore store,
    IOptions<AuthOptions> options,
    TimeProvider timeProvider,
    ILogger<SessionRevocationCache> logger)
    : StoreSnapshot<SessionRevocationCache.Snapshot>(timeProvider, options.Value.RefreshInterval, logger)
{
    public Task AddRevocationAsync(SessionTokenRevocation revocation, CancellationToken cancellationToken) =>
        ChangeAsync(
            async current =>
            {
                await store.AddRevocationAsync(revocation, cancellationToken).ConfigureAwait(false);
                var tokens = new Dictionary<(string, string), DateTimeOffset>(current.Tokens) { [(revocation.TenantId, revocation.TokenId)] = revocation.ExpiresAt };
                return (current with { Tokens = tokens }, true);
            },
            cancellationToken);

    public Task AddCutoffAsync(SessionCutoff cutoff, CancellationToken cancellationToken) =>
        ChangeAsync(
            async current =>
            {
                await store.AddCutoffAsync(cutoff, cancellationToken).ConfigureAwait(false);
                var key = (cutoff.TenantId, cutoff.KeyId ?? string.Empty);
                var cutoffs = new Dictionary<(string, string), DateTimeOffset>(current.Cutoffs);
                if (!cutoffs.TryGetValue(key, out var existing) || existing < cutoff.IssuedBefore)
                {
                    cutoffs[key] = cutoff.IssuedBefore;
                }

                return (current with { Cutoffs = cutoffs }, true);
            },
            cancellationToken);

    protected override async Task<Snapshot> LoadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await store.PurgeExpiredAsync(now, cancellationToken).ConfigureAwait(false);
        var tokens = new Dictionary<(string, string), DateTimeOffset>();
        await foreach (var revocation in store.ListRevocationsAsync(now, cancellationToken).ConfigureAwait(false))
        {
            tokens[(revocation.TenantId, revocation.TokenId)] = revocation.ExpiresAt;
        }

        var cutoffs = new Dictionary<(string, string), DateTimeOffset>();
        await foreach (var cutoff in store.ListCutoffsAsync(cancellationToken).ConfigureAwait(false))
        {
            cutoffs[(cutoff.TenantId, cutoff.KeyId ?? string.Empty)] = cutoff.IssuedBefore;
        }

        return new Snapshot(tokens, cutoffs);
    }

    /// <summary>Revoked token ids by (tenant, jti), and cut-offs by (tenant, key id or empty for the whole tenant).</summary>
    internal sealed record Snapshot(Dictionary<(string, string), DateTimeOffset> Tokens, Dictionary<(string, string), DateTimeOffset> Cutoffs)
    {
        public bool IsRevoked(string tenantId, string keyId, string tokenId, DateTimeOffset issuedAt) =>
            (Tokens.Count != 0 && Tokens.ContainsKey((tenantId, tokenId)))
            || (Cutoffs.Count != 0
                && ((Cutoffs.TryGetValue((tenantId, string.Empty), out var tenantCutoff) && issuedAt <= tenantCutoff)
                    || (Cutoffs.TryGetValue((tenantId, keyId), out var keyCutoff) && issuedAt <= keyCutoff)));
    }
}
