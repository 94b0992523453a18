using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using TekUp.Security.Cryptography;
using TekUp.Security.DataClasses;
using TekUp.Security.Events;
using TekUp.Security.KeyManagement;

namespace TekUp.Security.Auth.Sessions;

/// <summary>
/// Session signing keys from KeyManagement: the HKDF subkey (purpose <c>TekUp.Security/session-signing/v1</c>, 32 bytes)
/// of the tenant's <see cref="DataClass.General"/> data key, named <c>{tenantId}:{dataKeyId:N}</c>. New tokens are signed
/// with the active data key's subkey; a token is validated with the subkey of the data key its kid names while the key
/// ring still hands that key out (active or rotated). A revoked or destroyed data key is refused by the key ring, and its
/// subkey is dropped at once in this process (on the <see cref="SecurityEventType.DataKeyRevoked"/> event) and within
/// <see cref="AuthOptions.CacheDuration"/> elsewhere. Derived keys are cached as one <see cref="SymmetricSecurityKey"/>
/// instance per data key so the JWT handler's signature-provider cache is reused.
/// </summary>
internal sealed class KeyRingSessionSigningKeySource(IKeyRing keyRing, IOptions<AuthOptions> options, TimeProvider timeProvider)
    : ISessionSigningKeySource, ISecurityEventHandler
{
    private const int SigningKeyBytes = 32;
    private readonly ConcurrentDictionary<(string TenantId, Guid KeyId), Entry> _keys = new();
    private readonly long _ttlTicks = (long)(options.Value.CacheDuration.TotalSeconds * timeProvider.TimestampFrequency);

    private static ReadOnlySpan<byte> Purpose => "TekUp.Security/session-signing/v1"u8;

    public async ValueTask<SymmetricSecurityKey> GetSigningKeyAsync(string tenantId, CancellationToken cancellationToken)
    {
        var dataKey = await keyRing.GetActiveKeyAsync(tenantId, DataClass.General, cancellationToken).ConfigureAwait(false);
        return Remember(tenantId, dataKey);
    }

    public async ValueTask<SymmetricSecurityKey?> FindValidationKeyAsync(string tenantId, Guid dataKeyId, CancellationToken cancellationToken)
    {
        if (_keys.TryGetValue((tenantId, dataKeyId), out var cached) && timeProvider.GetTimestamp() < cached.ExpiresAtTimestamp)
        {
            return cached.Key;
        }

        AeadKey dataKey;
        try
        {
            dataKey = await keyRing.GetKeyAsync(tenantId, DataClass.General, dataKeyId, cancellationToken).ConfigureAwait(false);
        }
        catch (KeyUnavailableException)
        {
            // Unknown, another tenant's, revoked or destroyed: the token's kid names no usable key.
            _keys.TryRemove((tenantId, dataKeyId), out _);
            return null;
        }

        return Remember(tenantId, dataKey);
    }

    /// <summary>Drops the subkey of a revoked or destroyed data key at once.</summary>
    public void Handle(SecurityEvent securityEvent)
    {
        ArgumentNullException.ThrowIfNull(securityEvent);
        if (securityEvent.Type == SecurityEventType.DataKeyRevoked
            && securityEvent.TenantId is { } tenantId
            && securityEvent.Resource is { } resource
            && resource.StartsWith("key:", StringComparison.Ordinal)
            && Guid.TryParse(resource.AsSpan(4), CultureInfo.InvariantCulture, out var keyId))
        {
            _keys.TryRemove((tenantId, keyId), out _);
        }
    }

    private SymmetricSecurityKey Remember(string tenantId, AeadKey dataKey)
    {
        var expires = timeProvider.GetTimestamp() + _ttlTicks;
        var entry = _keys.AddOrUpdate(
            (tenantId, dataKey.KeyId),
            static (id, state) => new Entry(Derive(id.TenantId, state.DataKey), state.Expires),
            static (_, existing, state) => existing with { ExpiresAtTimestamp = state.Expires },
            (DataKey: dataKey, Expires: expires));
        return entry.Key;
    }

    private static SymmetricSecurityKey Derive(string tenantId, AeadKey dataKey)
    {
        var material = new byte[SigningKeyBytes];
        dataKey.DeriveSubkey(Purpose, material);
        return new SymmetricSecurityKey(material) { KeyId = SessionKeyIds.Format(tenantId, dataKey.KeyId) };
    }

    private sealed record Entry(SymmetricSecurityKey Key, long ExpiresAtTimestamp);
}
