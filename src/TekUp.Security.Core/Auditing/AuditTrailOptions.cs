namespace TekUp.Security.Auditing;

/// <summary>
/// Options of the audit trail, bound from <c>TekUp:Security:Audit</c>. Keys are base64 and at least 32 bytes.
/// Without keys the trail generates ephemeral ones and logs a warning (refused when
/// <see cref="TekUpSecurityOptions.RequireProductionKeys"/> is set): checkpoints then cannot be verified, and
/// pseudonyms change, after a restart.
/// </summary>
public sealed class AuditTrailOptions
{
    /// <summary>The configuration sub-section: <c>Audit</c>.</summary>
    public const string SectionName = "Audit";

    /// <summary>The HMAC-SHA256 key that signs checkpoints, base64, at least 32 bytes. Default none (ephemeral).</summary>
    public string? SigningKey { get; set; }

    /// <summary>The id stored with each checkpoint signed by <see cref="SigningKey"/>. Default <c>audit-1</c>.</summary>
    public string SigningKeyId { get; set; } = "audit-1";

    /// <summary>Earlier signing keys (id → base64 key), kept to verify old checkpoints after a rotation.</summary>
    public IDictionary<string, string> PreviousSigningKeys { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The HMAC-SHA256 key for subject pseudonyms, base64, at least 32 bytes. Never rotate it: pseudonyms would change. Default none (ephemeral).</summary>
    public string? PseudonymKey { get; set; }

    /// <summary>How many records may wait in the queue before <see cref="IAuditTrail.AppendAsync"/> waits. Default 10,000.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>The most records stored in one transaction. Default 512.</summary>
    public int BatchSize { get; set; } = 512;

    /// <summary>A periodic checkpoint is signed and kept at every sequence number divisible by this. Default 1,000.</summary>
    public int CheckpointInterval { get; set; } = 1_000;

    /// <summary>The longest wait between retries of a failing store. Default 30 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
