namespace TekUp.Security.KeyManagement;

/// <summary>
/// Secrets that the SDK's own modules need for the life of an installation — for example the pepper of API-key
/// hashes — derived from a platform key that is wrapped by the master key like every data key, rewrapped on master-key
/// rotation, and never rotated on a schedule (a changed pepper would invalidate every issued API key).
/// </summary>
public interface IPlatformSecretProvider
{
    /// <summary>
    /// Derives a 32-byte secret for <paramref name="purpose"/> (HKDF-SHA256). The same purpose gives the same secret
    /// in every process that shares the store and the master key; different purposes give unrelated secrets.
    /// </summary>
    /// <param name="purpose">A stable label such as <c>auth/api-key-pepper</c>: 1-64 ASCII letters, digits, '.', '-', '_' or '/'.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A new array the caller owns; zero it when done.</returns>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is empty, too long or has other characters.</exception>
    Task<byte[]> DeriveSecretAsync(string purpose, CancellationToken cancellationToken = default);
}
