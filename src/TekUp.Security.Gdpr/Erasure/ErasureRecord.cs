using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TekUp.Security.Gdpr;

/// <summary>
/// The deletion record of an erasure request: what was erased per category and when, what was kept under retention
/// and why, and whether the subject's key was destroyed, sealed by <see cref="VerificationHash"/>. It holds no personal
/// data, so it can be kept as evidence (Art. 5(2) accountability) after the subject's data is gone.
/// </summary>
public sealed record ErasureRecord
{
    /// <summary>The tenant.</summary>
    public required string TenantId { get; init; }

    /// <summary>The erasure request.</summary>
    public required Guid RequestId { get; init; }

    /// <summary>When the record was first written.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last extended (by a retry or a retention purge).</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The erasures, in the order they happened.</summary>
    public required IReadOnlyList<ErasureEntry> Entries { get; init; }

    /// <summary>What is still kept under retention, per category.</summary>
    public IReadOnlyList<RetainedData> Retained { get; init; } = [];

    /// <summary>Whether the subject's key was destroyed (crypto-shredding), and when.</summary>
    public DateTimeOffset? SubjectKeyDestroyedAt { get; init; }

    /// <summary>SHA-256 (lower-case hex) over the canonical form of every other field; see <see cref="ComputeVerificationHash"/>.</summary>
    public required string VerificationHash { get; init; }

    /// <summary>Whether <see cref="VerificationHash"/> matches the record's content.</summary>
    public bool Verify() => CryptographicOperations.FixedTimeEquals(
        Encoding.ASCII.GetBytes(VerificationHash), Encoding.ASCII.GetBytes(ComputeVerificationHash(this)));

    /// <summary>
    /// Recomputes the hash: SHA-256 over UTF-8 lines <c>tekup-gdpr-erasure-v1</c>, tenant, request id, then per entry
    /// <c>category|erased-at (unix ms)|count|ids-hash</c>, per retained category <c>category|count|retained-until (unix ms)|ground</c>,
    /// and the key destruction time (unix ms or <c>-</c>).
    /// </summary>
    /// <param name="record">The record.</param>
    public static string ComputeVerificationHash(ErasureRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var text = new StringBuilder();
        text.Append("tekup-gdpr-erasure-v1\n").Append(record.TenantId).Append('\n').Append(record.RequestId.ToString("N")).Append('\n');
        foreach (var entry in record.Entries)
        {
            text.Append(CultureInfo.InvariantCulture, $"e|{entry.Category}|{entry.ErasedAt.ToUnixTimeMilliseconds()}|{entry.RecordCount}|{entry.RecordIdsHash}\n");
        }

        foreach (var kept in record.Retained)
        {
            text.Append(CultureInfo.InvariantCulture, $"r|{kept.Category}|{kept.RecordCount}|{kept.RetainedUntil.ToUnixTimeMilliseconds()}|{(int)kept.Ground}\n");
        }

        text.Append(record.SubjectKeyDestroyedAt is { } at ? at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) : "-");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// The hash of a set of erased record ids as <see cref="ErasureEntry.RecordIdsHash"/> holds it: SHA-256 over
    /// <c>tenant\nrequest-id\ncategory\n</c> followed by the ids sorted ordinally, each ending with <c>\n</c>.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="requestId">The request.</param>
    /// <param name="category">The category.</param>
    /// <param name="recordIds">The erased ids.</param>
    public static string HashRecordIds(string tenantId, Guid requestId, string category, IEnumerable<string> recordIds)
    {
        ArgumentNullException.ThrowIfNull(recordIds);
        var text = new StringBuilder().Append(tenantId).Append('\n').Append(requestId.ToString("N")).Append('\n').Append(category).Append('\n');
        foreach (var id in recordIds.Order(StringComparer.Ordinal))
        {
            text.Append(id).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
