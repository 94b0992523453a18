using Microsoft.Extensions.Options;
using TekUp.Security.Auth.Sessions;

namespace TekUp.Security.Auth.Internal;

/// <summary>Validates <see cref="AuthOptions"/> at start, listing every problem.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public const int MinPepperBytes = 32;

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        ValidatePepper(options, failures);

        if (options.DefaultApiKeyLifetime is { } lifetime && lifetime <= TimeSpan.Zero)
        {
            failures.Add($"Auth.{nameof(AuthOptions.DefaultApiKeyLifetime)} must be positive, or null for no expiry.");
        }

        if (options.CacheDuration < TimeSpan.Zero || options.CacheDuration > TimeSpan.FromMinutes(10))
        {
            failures.Add($"Auth.{nameof(AuthOptions.CacheDuration)} must be between zero and 10 minutes.");
        }

        if (options.MaxCachedKeys < 0)
        {
            failures.Add($"Auth.{nameof(AuthOptions.MaxCachedKeys)} must not be negative.");
        }

        if (options.LastUsedFlushInterval < TimeSpan.FromSeconds(1) || options.LastUsedFlushInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"Auth.{nameof(AuthOptions.LastUsedFlushInterval)} must be between 1 second and 1 hour.");
        }

        if (options.RefreshInterval < TimeSpan.FromSeconds(1) || options.RefreshInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add($"Auth.{nameof(AuthOptions.RefreshInterval)} must be between 1 second and 10 minutes.");
        }

        ValidateRateLimits(options, failures);
        ValidateSessions(options.Sessions, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidatePepper(AuthOptions options, List<string> failures)
    {
        if (options.ApiKeyPepper is null)
        {
            return;
        }

        var buffer = new byte[options.ApiKeyPepper.Length];
        if (!Convert.TryFromBase64String(options.ApiKeyPepper, buffer, out var written) || written < MinPepperBytes)
        {
            failures.Add($"Auth.{nameof(AuthOptions.ApiKeyPepper)} must be base64 of at least {MinPepperBytes} random bytes.");
        }

        System.Security.Cryptography.CryptographicOperations.ZeroMemory(buffer);
    }

    private static void ValidateRateLimits(AuthOptions options, List<string> failures)
    {
        var limits = options.RateLimits;
        if (limits is null)
        {
            failures.Add($"Auth.{nameof(AuthOptions.RateLimits)} must not be null.");
            return;
        }

        if (limits.PerClientIp is null || limits.PerApiKey is null)
        {
            failures.Add("Auth.RateLimits.PerClientIp and PerApiKey must not be null.");
        }
        else
        {
            limits.PerClientIp.Validate("Auth.RateLimits.PerClientIp", failures);
            limits.PerApiKey.Validate("Auth.RateLimits.PerApiKey", failures);
        }

        foreach (var (tenantId, settings) in limits.Tenants)
        {
            if (settings is null)
            {
                failures.Add($"Auth.RateLimits.Tenants.{tenantId} must not be null.");
            }
            else
            {
                settings.Validate($"Auth.RateLimits.Tenants.{tenantId}", failures);
            }
        }

        if (limits.MaxPartitions < 100)
        {
            failures.Add("Auth.RateLimits.MaxPartitions must be at least 100.");
        }
    }

    private static void ValidateSessions(SessionTokenOptions sessions, List<string> failures)
    {
        if (sessions is null)
        {
            failures.Add($"Auth.{nameof(AuthOptions.Sessions)} must not be null.");
            return;
        }

        if (string.IsNullOrWhiteSpace(sessions.Issuer))
        {
            failures.Add("Auth.Sessions.Issuer must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(sessions.Audience))
        {
            failures.Add("Auth.Sessions.Audience must not be empty.");
        }

        if (sessions.Lifetime <= TimeSpan.Zero || sessions.Lifetime > SessionTokenOptions.MaxLifetime)
        {
            failures.Add($"Auth.Sessions.Lifetime must be more than zero and at most {SessionTokenOptions.MaxLifetime.TotalHours} hours (was {sessions.Lifetime}).");
        }

        if (sessions.ClockSkew < TimeSpan.Zero || sessions.ClockSkew > TimeSpan.FromMinutes(5))
        {
            failures.Add("Auth.Sessions.ClockSkew must be between zero and 5 minutes.");
        }

        if (sessions.MaxTokenLength < 256 || sessions.MaxTokenLength > 64 * 1024)
        {
            failures.Add("Auth.Sessions.MaxTokenLength must be between 256 and 65536.");
        }
    }
}
