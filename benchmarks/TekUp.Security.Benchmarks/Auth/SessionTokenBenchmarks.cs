using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TekUp.Security.Auth.ApiKeys;
using TekUp.Security.Auth.Authentication;
using TekUp.Security.Auth.Sessions;
using TekUp.Security.Tenants;

namespace TekUp.Security.Benchmarks.Auth;

/// <summary>
/// Session token validation through the whole pipeline (rate limits, shape and algorithm checks, kid → the tenant's
/// signing key from KeyManagement, signature, issuer, audience, lifetime on TimeProvider, claims, revocation, tenant
/// status, IP checks) against a bare <see cref="JsonWebTokenHandler.ValidateTokenAsync(string, TokenValidationParameters)"/>
/// with equivalent parameters and the same key. Target: at most 1.2× the baseline.
/// </summary>
[MemoryDiagnoser]
public class SessionTokenBenchmarks
{
    private readonly JsonWebTokenHandler _bareHandler = new();
    private ServiceProvider _services = null!;
    private IAuthenticator _authenticator = null!;
    private TokenValidationParameters _bareParameters = null!;
    private AuthenticationRequest _request;
    private string _token = null!;

    [GlobalSetup]
    public void Setup()
    {
        _services = AuthBenchmarkHost.Create((_, builder) => builder.AddKeyManagement(k => k.MasterKey = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 1)).ToArray())));
        _services.GetRequiredService<ITenantService>().CreateAsync("acme", "Acme").GetAwaiter().GetResult();
        var issued = _services.GetRequiredService<IApiKeyManager>().IssueAsync("acme", new ApiKeyIssueRequest { Name = "bench", Scopes = ["invoices:read"] }).GetAwaiter().GetResult();
        _authenticator = _services.GetRequiredService<IAuthenticator>();
        var authenticated = _authenticator.AuthenticateAsync(AuthenticationRequest.ForApiKey(issued.Key, AuthBenchmarkHost.ClientIp)).AsTask().GetAwaiter().GetResult();
        _token = _services.GetRequiredService<ISessionTokenService>().CreateAsync(authenticated).GetAwaiter().GetResult().Token;
        _request = AuthenticationRequest.ForSessionToken(_token, AuthBenchmarkHost.ClientIp);

        var key = _services.GetRequiredService<ISessionSigningKeySource>().GetSigningKeyAsync("acme", default).AsTask().GetAwaiter().GetResult();
        _bareParameters = new TokenValidationParameters
        {
            ValidIssuer = "tekup-security",
            ValidAudience = "tekup-api",
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidTypes = ["JWT"],
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            IssuerSigningKey = key,
        };

        if (!Pipeline().GetAwaiter().GetResult().Succeeded || !BareValidateTokenAsync().GetAwaiter().GetResult().IsValid)
        {
            throw new InvalidOperationException("Benchmark setup is wrong.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true, Description = "bare JsonWebTokenHandler.ValidateTokenAsync")]
    public Task<TokenValidationResult> BareValidateTokenAsync() => _bareHandler.ValidateTokenAsync(_token, _bareParameters);

    [Benchmark(Description = "IAuthenticator, session token")]
    public async Task<AuthenticationResult> Pipeline() => await _authenticator.AuthenticateAsync(_request);
}
