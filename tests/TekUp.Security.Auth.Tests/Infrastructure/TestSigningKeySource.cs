using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using TekUp.Security.Auth.Sessions;

namespace TekUp.Security.Auth.Tests.Infrastructure;

/// <summary>
/// A stand-in for the KeyManagement-backed source: per tenant, an active key and older (rotated) keys, each of which
/// can be revoked. Used where a test needs to craft tokens with a tenant's key.
/// </summary>
internal sealed class TestSigningKeySource : ISessionSigningKeySource
{
    private readonly ConcurrentDictionary<string, Guid> _active = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, Guid), SymmetricSecurityKey> _keys = new();

    public SymmetricSecurityKey ActiveKey(string tenantId)
    {
        var id = _active.GetOrAdd(tenantId, _ => Guid.NewGuid());
        return _keys.GetOrAdd((tenantId, id), k => new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = $"{k.Item1}:{k.Item2:N}" });
    }

    public void Rotate(string tenantId) => _active[tenantId] = Guid.NewGuid();

    public void Revoke(string tenantId, string kid) => _keys.TryRemove((tenantId, Guid.ParseExact(kid[(kid.LastIndexOf(':') + 1)..], "N")), out _);

    public ValueTask<SymmetricSecurityKey> GetSigningKeyAsync(string tenantId, CancellationToken cancellationToken) => ValueTask.FromResult(ActiveKey(tenantId));

    public ValueTask<SymmetricSecurityKey?> FindValidationKeyAsync(string tenantId, Guid dataKeyId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_keys.TryGetValue((tenantId, dataKeyId), out var key) ? key : null);
}
