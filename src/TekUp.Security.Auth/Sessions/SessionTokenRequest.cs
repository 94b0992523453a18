using System.Net;

namespace TekUp.Security.Auth.Sessions;

/// <summary>Options for one session token.</summary>
public sealed record SessionTokenRequest
{
    /// <summary>The token lifetime, or <see langword="null"/> for <see cref="SessionTokenOptions.Lifetime"/>. At most <see cref="SessionTokenOptions.MaxLifetime"/>.</summary>
    public TimeSpan? Lifetime { get; init; }

    /// <summary>
    /// When set, the token only authenticates requests from this address (normalised): a token copied to another
    /// machine is refused with <c>token_ip_mismatch</c>. Defaults to none unless <see cref="SessionTokenOptions.BindToClientIp"/> is set.
    /// </summary>
    public IPAddress? ClientIp { get; init; }
}
