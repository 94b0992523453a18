using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using TekUp.Security.AspNetCore.Internal;
using TekUp.Security.Auth.Authentication;

namespace TekUp.Security.AspNetCore.Authentication;

/// <summary>
/// Authenticates a request with an API key header or a bearer session token through <see cref="IAuthenticator"/>. The
/// client address is the connection's remote address, which ASP.NET Core's forwarded-headers middleware rewrites only
/// for requests from configured known proxies. Challenges answer with RFC 9457 problem details: 401 for bad
/// credentials, 403 for refused addresses, 429 with <c>Retry-After</c> for rate limits. The presented key or token is
/// never echoed, logged or put in a claim.
/// </summary>
internal sealed class TekUpAuthenticationHandler(
    IOptionsMonitor<TekUpAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IAuthenticator authenticator)
    : AuthenticationHandler<TekUpAuthenticationOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var request = ReadCredential();
        if (request is null)
        {
            return AuthenticateResult.NoResult();
        }

        var result = await authenticator.AuthenticateAsync(request.Value, Context.RequestAborted).ConfigureAwait(false);
        Context.Features.Set<ITekUpAuthenticationFeature>(new TekUpAuthenticationFeature(result));
        if (!result.Succeeded)
        {
            // The reason code is the whole message: it names no key, token or address.
            return AuthenticateResult.Fail(result.ReasonCode);
        }

        var principal = new ClaimsPrincipal(CreateIdentity(result));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // Runs the pipeline if nothing did yet (a challenge without UseAuthentication); cached otherwise.
        await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        var result = Context.Features.Get<ITekUpAuthenticationFeature>()?.Result;
        var reason = result?.FailureReason ?? AuthenticationFailureReason.MissingCredential;
        if (reason == AuthenticationFailureReason.None)
        {
            // Authenticated but an authorization requirement failed with no other scheme to challenge: forbid.
            await HandleForbiddenAsync(properties).ConfigureAwait(false);
        }
        else if (reason == AuthenticationFailureReason.RateLimited)
        {
            await ProblemResponses.WriteRateLimitedAsync(Context, result!.RetryAfter ?? TimeSpan.FromSeconds(1), reason.ToCode()).ConfigureAwait(false);
        }
        else if (reason.IsAddressRefusal())
        {
            await ProblemResponses.WriteAsync(Context, StatusCodes.Status403Forbidden, reason.ToCode()).ConfigureAwait(false);
        }
        else
        {
            Response.Headers.Append(HeaderNames.WWWAuthenticate, Challenge(result));
            await ProblemResponses.WriteAsync(Context, StatusCodes.Status401Unauthorized, reason.ToCode()).ConfigureAwait(false);
        }
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemResponses.WriteAsync(Context, StatusCodes.Status403Forbidden, "forbidden");

    private AuthenticationRequest? ReadCredential()
    {
        var clientIp = Context.Connection.RemoteIpAddress;
        var keys = Request.Headers[Options.ApiKeyHeaderName];
        if (keys.Count > 0)
        {
            // Several values (or a comma-joined list) are not a key: the pipeline refuses them as malformed.
            return AuthenticationRequest.ForApiKey(keys.Count == 1 ? keys[0] ?? string.Empty : string.Empty, clientIp);
        }

        if (!Options.AcceptSessionTokens)
        {
            return null;
        }

        var authorization = Request.Headers.Authorization;
        if (authorization.Count != 1 || authorization[0] is not { } value || !value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return AuthenticationRequest.ForSessionToken(value[BearerPrefix.Length..].Trim(), clientIp);
    }

    private string Challenge(AuthenticationResult? result)
    {
        var realm = Options.Realm;
        return result?.FailureReason is { } reason && IsTokenFailure(reason)
            ? string.Create(CultureInfo.InvariantCulture, $"Bearer realm=\"{realm}\", error=\"invalid_token\"")
            : string.Create(CultureInfo.InvariantCulture, $"ApiKey realm=\"{realm}\", header=\"{Options.ApiKeyHeaderName}\", Bearer realm=\"{realm}\"");
    }

    private static bool IsTokenFailure(AuthenticationFailureReason reason) => reason is >= AuthenticationFailureReason.MalformedToken and <= AuthenticationFailureReason.TokenRevoked;

    private ClaimsIdentity CreateIdentity(AuthenticationResult result)
    {
        var principal = result.Principal!;
        var claims = new List<Claim>(4 + principal.Scopes.Count)
        {
            new(TekUpClaimTypes.Subject, principal.SubjectId),
            new(TekUpClaimTypes.TenantId, principal.TenantId),
            new(TekUpClaimTypes.PrincipalKind, principal.Kind.ToString()),
            new(TekUpClaimTypes.CredentialType, result.IsSessionToken ? "session_token" : "api_key"),
        };
        if (result.SessionTokenId is { } sessionId)
        {
            claims.Add(new Claim(TekUpClaimTypes.SessionId, sessionId));
        }

        foreach (var scope in principal.Scopes)
        {
            claims.Add(new Claim(TekUpClaimTypes.Scope, scope));
        }

        return new ClaimsIdentity(claims, Scheme.Name, TekUpClaimTypes.Subject, roleType: null);
    }
}
