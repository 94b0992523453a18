namespace TekUp.Security.Gdpr;

/// <summary>A signed download link for an export: put <see cref="Token"/> in the URL the subject receives.</summary>
/// <param name="ExportId">The export.</param>
/// <param name="Token">The signed token (base64url): export id, expiry and an HMAC over them and the tenant.</param>
/// <param name="ExpiresAt">When the link stops working.</param>
public sealed record ExportLink(Guid ExportId, string Token, DateTimeOffset ExpiresAt);
