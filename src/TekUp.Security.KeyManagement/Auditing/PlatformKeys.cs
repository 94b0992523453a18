namespace TekUp.Security.KeyManagement.Internal;

/// <summary>
/// Platform secrets kept as data keys of reserved "tenants" whose ids start with '$' (no real tenant id can), so
/// they are wrapped by the KEK and rewrapped by <see cref="IKeyManager.RotateKeyEncryptionKeyAsync"/> like every
/// data key, yet unreachable through the public API.
/// </summary>
internal static class PlatformKeys
{
    /// <summary>Signs audit checkpoints. Rotates on the general schedule; rotated keys stay for verification.</summary>
    public const string AuditSigning = "$audit-signing";

    /// <summary>Pseudonymises audit subjects. Never rotated: pseudonyms must stay stable.</summary>
    public const string AuditPseudonym = "$audit-pseudonym";

    /// <summary>Derives the SDK's long-lived platform secrets (<see cref="IPlatformSecretProvider"/>). Never rotated.</summary>
    public const string Secrets = "$platform-secrets";

    public static bool IsPlatform(string tenantId) => tenantId.StartsWith('$');

    /// <summary>Whether scheduled rotation applies: every tenant key and the audit signing key.</summary>
    public static bool RotatesOnSchedule(string tenantId) => !IsPlatform(tenantId) || tenantId == AuditSigning;
}
