namespace TekUp.Security.Events;

/// <summary>
/// Something security-relevant that happened. Carries identifiers only: never a raw API key, token, password,
/// key material or personal data.
/// </summary>
public sealed record SecurityEvent
{
    /// <summary>What happened.</summary>
    public required SecurityEventType Type { get; init; }

    /// <summary>When it happened, from the SDK's <see cref="TimeProvider"/>.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The tenant concerned, when known.</summary>
    public string? TenantId { get; init; }

    /// <summary>The client address, normalised (IPv4-mapped IPv6 as IPv4, no zone id), when known.</summary>
    public string? ClientIp { get; init; }

    /// <summary>The principal concerned, when known.</summary>
    public string? PrincipalId { get; init; }

    /// <summary>A non-secret identifier of the credential used, for example an API key's hash prefix.</summary>
    public string? CredentialId { get; init; }

    /// <summary>The resource concerned, for authorization events.</summary>
    public string? Resource { get; init; }

    /// <summary>A machine-readable reason code, for example <c>unknown_key</c>.</summary>
    public string? Reason { get; init; }

    /// <summary>Further non-secret details.</summary>
    public IReadOnlyDictionary<string, string>? Properties { get; init; }
}
