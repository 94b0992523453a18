using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TekUp.Security.Auth.ApiKeys;
using TekUp.Security.Auth.Authentication;
using TekUp.Security.Auth.Networking;
using TekUp.Security.Auth.Sessions;
using TekUp.Security.Tenants;
using static TekUp.Security.Demo.Chapters.DemoContext;

namespace TekUp.Security.Demo.Chapters;

/// <summary>API keys, the authentication pipeline, session tokens, and every refusal reason.</summary>
internal static class AuthChapter
{
    private static readonly IPAddress Office = IPAddress.Parse("10.20.3.4");

    public static async Task RunAsync(DemoContext demo)
    {
        var n = demo.Narrator;
        n.Chapter("API keys, session tokens and every refusal reason");
        var apiKeys = demo.Services.GetRequiredService<IApiKeyManager>();
        var authenticator = demo.Services.GetRequiredService<IAuthenticator>();
        var sessions = demo.Services.GetRequiredService<ISessionTokenService>();

        var issued = await apiKeys.IssueAsync(TenantA, new ApiKeyIssueRequest { Name = "billing-integration", Scopes = ["invoices:read"] });
        n.Ok($"issued '{issued.Record.Name}' to '{TenantA}': {Mask(issued.Key)} (shown once; stored only as an HMAC, hash prefix {issued.Record.HashPrefix})");

        var ok = await authenticator.AuthenticateAsync(AuthenticationRequest.ForApiKey(issued.Key, Office));
        Report(n, "the key from the office network 10.20.3.4", ok);
        Report(n, "the same client as IPv4-mapped IPv6 ::ffff:10.20.3.4", await authenticator.AuthenticateAsync(AuthenticationRequest.ForApiKey(issued.Key, IPAddress.Parse("::ffff:10.20.3.4"))));

        var session = await sessions.CreateAsync(ok);
        n.Ok($"session token {session.TokenId[..8]}... issued, signed with kid {session.KeyId}, expires {session.ExpiresAt:HH:mm:ss} UTC");
        Report(n, "the bearer session token", await authenticator.AuthenticateAsync(AuthenticationRequest.ForSessionToken(session.Token, Office)));

        n.Say("Refusals, in pipeline order (each one also raises a security event and writes an audit entry):");
        Report(n, "no credential at all", await authenticator.AuthenticateAsync(AuthenticationRequest.ForApiKey(null, Office)));
        Report(n, "'tk_12345' (too short)", await authenticator.AuthenticateAsync(AuthenticationRequest.ForApiKey("tk_12345", Office)));
        var typo = issued.Key[..^1] + (issued.Key[^1] == '0' ? '1' : '0');
        Report(n, "the key with its last digit mistyped", await authenticator.AuthenticateAsync(AuthenticationRequest.ForApiKey(typo, Office)));
        Report(n, "a well-formed key that was never issued", await authenticator.AuthenticateAsync(AuthenticationRequest.ForApiKey(ApiKeyFormat.Generate(), Office)));
        Report(n, "the key from 192.0.2.10, outside the allow-list", await authenticator.AuthenticateAsync(AuthenticationRequest.ForApiKey(issued.Key, IPAddress.Parse("192.0.2.10"))));

        var blocks = demo.Services.GetRequiredService<IIpBlockList>();
        var blocked = IPAddress.Parse("10.20.9.9");
        await blocks.BlockAsync(blocked, demo.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddMinutes(10), "brute_force_suspected", "demo");
        Report(n, "the key from 10.20.9.9, blocked for 10 minutes", await authenticator.AuthenticateAsync(AuthenticationRequest.ForApiKey(issued.Key, blocked)));

        var forged = ForgeUnsignedToken(session.Token);
        Report(n, "the session token re-signed with alg 'none'", await authenticator.AuthenticateAsync(AuthenticationRequest.ForSessionToken(forged, Office)));
        await sessions.RevokeAsync(TenantA, session.TokenId, session.ExpiresAt, "user_signed_out");
        Report(n, "the session token after revocation", await authenticator.AuthenticateAsync(AuthenticationRequest.ForSessionToken(session.Token, Office)));

        var fjordKey = await apiKeys.IssueAsync(TenantB, new ApiKeyIssueRequest { Name = "reporting" });
        var tenants = demo.Services.GetRequiredService<ITenantService>();
        await tenants.SetStatusAsync(TenantB, TenantStatus.Suspended);
        Report(n, $"a key of '{TenantB}' after the tenant was suspended", await authenticator.AuthenticateAsync(AuthenticationRequest.ForApiKey(fjordKey.Key, Office)));
        await tenants.SetStatusAsync(TenantB, TenantStatus.Active);

        await apiKeys.RevokeAsync(TenantA, issued.Record.Id, "leaked_in_support_ticket");
        Report(n, "the first key after it was revoked", await authenticator.AuthenticateAsync(AuthenticationRequest.ForApiKey(issued.Key, Office)));

        AuthenticationResult last = ok;
        var attempts = 0;
        var flood = IPAddress.Parse("198.51.100.7");
        while (last.FailureReason != AuthenticationFailureReason.RateLimited && attempts < 10_000)
        {
            attempts++;
            last = await authenticator.AuthenticateAsync(AuthenticationRequest.ForApiKey(ApiKeyFormat.Generate(), flood));
        }

        Report(n, $"attempt #{attempts} from 198.51.100.7 after a burst of guessed keys", last);
    }

    private static void Report(Narrator n, string what, AuthenticationResult result)
    {
        if (result.Succeeded)
        {
            n.Ok($"{what}: authenticated as {result.Principal!.SubjectId} of '{result.TenantId}'");
        }
        else
        {
            var retry = result.RetryAfter is { } after ? $", retry after {after.TotalMilliseconds:0} ms" : "";
            n.Refused($"{what}: {result.ReasonCode}{retry}");
        }
    }

    private static string Mask(string key) => $"{key[..7]}...{key[^4..]}";

    private static string ForgeUnsignedToken(string token)
    {
        var parts = token.Split('.');
        var header = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT"}""")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{header}.{parts[1]}.";
    }
}
