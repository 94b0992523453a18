namespace TekUp.Security.Auditing;

/// <summary>
/// Optional companion of <see cref="IAuditKeyProvider"/>: when the provider also implements it, verification
/// reports <see cref="AuditVerificationFailure.UnknownKey"/> instead of <see cref="AuditVerificationFailure.BadSignature"/>
/// for a checkpoint signed with a key the provider does not hold.
/// </summary>
public interface IAuditKeyDirectory
{
    /// <summary>Whether the provider holds the signing key named <paramref name="keyId"/>.</summary>
    /// <param name="keyId">A signing key id.</param>
    bool ContainsSigningKey(string keyId);
}
