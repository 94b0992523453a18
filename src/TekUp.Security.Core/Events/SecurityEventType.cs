namespace TekUp.Security.Events;

/// <summary>The kinds of security event the SDK raises. Detection rules in the Incidents module match on these.</summary>
public enum SecurityEventType
{
    /// <summary>An authentication attempt failed (bad format, unknown, revoked or expired key, bad token...).</summary>
    AuthenticationFailed = 1,

    /// <summary>An authentication attempt succeeded.</summary>
    AuthenticationSucceeded = 2,

    /// <summary>A request was refused by a rate limit.</summary>
    RateLimited = 3,

    /// <summary>A client address was refused by an allow-list or a block.</summary>
    IpRefused = 4,

    /// <summary>An authorization check denied access.</summary>
    AccessDenied = 5,

    /// <summary>An API key was revoked.</summary>
    ApiKeyRevoked = 6,

    /// <summary>A session token was revoked.</summary>
    SessionRevoked = 7,

    /// <summary>A data key was revoked or destroyed.</summary>
    DataKeyRevoked = 8,

    /// <summary>Personal data was exported or read in bulk.</summary>
    DataExported = 9,

    /// <summary>The audit trail failed verification.</summary>
    AuditTamperDetected = 10,

    /// <summary>An IP address was blocked.</summary>
    IpBlocked = 11,

    /// <summary>An event raised by the host application itself (suspected breach, malware...).</summary>
    HostReported = 12,
}
