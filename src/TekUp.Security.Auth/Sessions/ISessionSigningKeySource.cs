using Microsoft.IdentityModel.Tokens;

namespace TekUp.Security.Auth.Sessions;

/// <summary>
/// Where session signing keys come from: the seam between session tokens and KeyManagement (and a test double).
/// A key is named by <c>kid</c> = <c>{tenantId}:{dataKeyId:N}</c>, so rotating the tenant's data key gives a new kid
/// while tokens signed under the previous (rotated) key still validate.
/// </summary>
internal interface ISessionSigningKeySource
{
    /// <summary>The key to sign new tokens of a tenant with (derived from the tenant's active general data key).</summary>
    ValueTask<SymmetricSecurityKey> GetSigningKeyAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>The key to validate a token signed under data key <paramref name="dataKeyId"/>, or <see langword="null"/> when it is unknown, revoked or destroyed.</summary>
    ValueTask<SymmetricSecurityKey?> FindValidationKeyAsync(string tenantId, Guid dataKeyId, CancellationToken cancellationToken);
}
