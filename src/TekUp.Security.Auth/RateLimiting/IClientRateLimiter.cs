using System.Net;

namespace TekUp.Security.Auth.RateLimiting;

/// <summary>
/// The per-client-address limiter of the authentication pipeline, for requests that carry no credential (an HTTP
/// middleware limits anonymous endpoints with it). Requests that do carry a credential take their permit inside
/// <see cref="Authentication.IAuthenticator"/>; take only one permit per request.
/// </summary>
public interface IClientRateLimiter
{
    /// <summary>Takes one permit for a client address (normalised first).</summary>
    /// <param name="clientIp">The client address.</param>
    /// <returns>Whether the permit was granted and, when not, how long to wait.</returns>
    ClientRateLimitResult TryAcquire(IPAddress clientIp);
}

/// <summary>The outcome of <see cref="IClientRateLimiter.TryAcquire"/>.</summary>
/// <param name="IsAcquired">Whether the request may proceed.</param>
/// <param name="RetryAfter">When refused: how long until a permit is available.</param>
public readonly record struct ClientRateLimitResult(bool IsAcquired, TimeSpan RetryAfter);
