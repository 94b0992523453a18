namespace TekUp.Security.Auditing;

/// <summary>
/// The keys of the audit trail: the HMAC-SHA256 key that signs checkpoints (with its id, so the key can rotate)
/// and the key that pseudonymises data subjects. The default reads <see cref="AuditTrailOptions"/>; the
/// KeyManagement module replaces it with one backed by the master key.
/// </summary>
public interface IAuditKeyProvider
{
    /// <summary>Signs checkpoint bytes with the current signing key (HMAC-SHA256); returns the key id used.</summary>
    /// <param name="data">The canonical checkpoint bytes.</param>
    /// <param name="signature">Receives the 32-byte signature.</param>
    /// <returns>The id of the key that signed.</returns>
    string Sign(ReadOnlySpan<byte> data, Span<byte> signature);

    /// <summary>
    /// Verifies a signature made with the key named by <paramref name="keyId"/>; <see langword="false"/> when the key
    /// is unknown or the signature differs (compared in fixed time).
    /// </summary>
    /// <param name="keyId">The id stored with the checkpoint.</param>
    /// <param name="data">The canonical checkpoint bytes.</param>
    /// <param name="signature">The stored signature.</param>
    bool Verify(string keyId, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);

    /// <summary>Keyed pseudonym of a subject identifier (HMAC-SHA256), stable for the life of the trail.</summary>
    /// <param name="subject">The subject identifier, for example a customer's e-mail address.</param>
    string Pseudonymize(string subject);
}
