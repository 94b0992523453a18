using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;
using TekUp.Security.Auth.ApiKeys;
using TekUp.Security.Auth.Authentication;
using TekUp.Security.Auth.Internal;
using TekUp.Security.Tenants;

namespace TekUp.Security.Benchmarks.Auth;

/// <summary>
/// API-key authentication. "Valid": the whole pipeline on a warm key (rate limits, format, HMAC, cache lookup,
/// fixed-time compare, state, tenant, IP checks, metrics, last-used bookkeeping; no session token) against the bare
/// primitive: HMAC-SHA256 of the key and a dictionary lookup of the hash. Targets: at most 2 µs and 1.5× the baseline.
/// "Malformed": refusing a key with a bad checksum; the format check alone (target at most 100 ns, no allocation) and
/// the whole pipeline refusal, which also raises a security event and hands an audit record to the trail.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ApiKeyAuthenticationBenchmarks
{
    private const string MalformedKey = "tk_0123456789abcdef0123456789abcdef0123456789abcdef01234567d7df67df";

    private readonly byte[] _pepper = new byte[32];
    private readonly Dictionary<ApiKeyHash, ApiKeyRecord> _bare = [];
    private ServiceProvider _services = null!;
    private IAuthenticator _authenticator = null!;
    private AuthenticationRequest _valid;
    private AuthenticationRequest _malformed;
    private string _key = null!;

    [GlobalSetup]
    public void Setup()
    {
        _services = AuthBenchmarkHost.Create();
        _services.GetRequiredService<ITenantService>().CreateAsync("acme", "Acme", ["203.0.113.0/24"]).GetAwaiter().GetResult();
        var issued = _services.GetRequiredService<IApiKeyManager>()
            .IssueAsync("acme", new ApiKeyIssueRequest { Name = "bench", Scopes = ["invoices:read"] }).GetAwaiter().GetResult();
        _key = issued.Key;
        _authenticator = _services.GetRequiredService<IAuthenticator>();
        _valid = AuthenticationRequest.ForApiKey(_key, AuthBenchmarkHost.ClientIp);
        _malformed = AuthenticationRequest.ForApiKey(MalformedKey, AuthBenchmarkHost.ClientIp);
        _bare[new ApiKeyHash(issued.Record.Hash.Span)] = issued.Record;
        if (!ValidKey().Succeeded || BareHmacAndDictionaryLookup() is null || ApiKeyFormat.Validate(MalformedKey) != ApiKeyFormatError.BadChecksum)
        {
            throw new InvalidOperationException("Benchmark setup is wrong.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true, Description = "bare HMAC-SHA256 + Dictionary lookup")]
    [BenchmarkCategory("Valid")]
    public ApiKeyRecord? BareHmacAndDictionaryLookup()
    {
        Span<byte> ascii = stackalloc byte[ApiKeyFormat.Length];
        Encoding.ASCII.GetBytes(_key, ascii);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_pepper, ascii, mac);
        return _bare.GetValueOrDefault(new ApiKeyHash(mac));
    }

    [Benchmark(Description = "IAuthenticator, valid key, warm")]
    [BenchmarkCategory("Valid")]
    public AuthenticationResult ValidKey() => _authenticator.AuthenticateAsync(_valid).Result;

    [Benchmark(Baseline = true, Description = "ApiKeyFormat.Validate, bad checksum")]
    [BenchmarkCategory("Malformed")]
    public ApiKeyFormatError MalformedFormatCheck() => ApiKeyFormat.Validate(MalformedKey);

    [Benchmark(Description = "IAuthenticator, bad checksum (event + audit)")]
    [BenchmarkCategory("Malformed")]
    public AuthenticationResult MalformedPipeline() => _authenticator.AuthenticateAsync(_malformed).Result;
}
