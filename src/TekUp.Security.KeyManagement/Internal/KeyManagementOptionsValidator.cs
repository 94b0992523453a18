using Microsoft.Extensions.Options;

namespace TekUp.Security.KeyManagement.Internal;

/// <summary>Validates <see cref="KeyManagementOptions"/>, listing every problem.</summary>
internal sealed class KeyManagementOptionsValidator(IOptions<TekUpSecurityOptions> securityOptions, TimeProvider timeProvider)
    : IValidateOptions<KeyManagementOptions>
{
    public const long MaxAllowedKeyUses = 1L << 31;

    public ValidateOptionsResult Validate(string? name, KeyManagementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        foreach (var (property, period) in new[]
        {
            (nameof(options.GeneralRotationPeriod), options.GeneralRotationPeriod),
            (nameof(options.PersonalRotationPeriod), options.PersonalRotationPeriod),
            (nameof(options.FinancialRotationPeriod), options.FinancialRotationPeriod),
            (nameof(options.HealthRotationPeriod), options.HealthRotationPeriod),
        })
        {
            Check(problems, period >= TimeSpan.FromHours(1) && period <= TimeSpan.FromDays(3650), $"{property} must be between 1 hour and 3650 days.");
        }

        Check(problems, options.MaxKeyUses is >= 1 and <= MaxAllowedKeyUses, $"{nameof(options.MaxKeyUses)} must be between 1 and 2^31 (AES-GCM with random nonces allows at most 2^32 messages per key).");
        Check(problems, options.UseCountFlushThreshold >= 1 && options.UseCountFlushThreshold <= Math.Min(1_000_000, options.MaxKeyUses), $"{nameof(options.UseCountFlushThreshold)} must be between 1 and 1,000,000 and not above {nameof(options.MaxKeyUses)}.");
        Check(problems, options.CacheSize is >= 1 and <= 1_000_000, $"{nameof(options.CacheSize)} must be between 1 and 1,000,000.");
        Check(problems, options.CacheLifetime >= TimeSpan.FromSeconds(1) && options.CacheLifetime <= TimeSpan.FromHours(24), $"{nameof(options.CacheLifetime)} must be between 1 second and 24 hours.");
        Check(problems, options.KeyHandOutGracePeriod >= TimeSpan.FromSeconds(1) && options.KeyHandOutGracePeriod <= TimeSpan.FromHours(1), $"{nameof(options.KeyHandOutGracePeriod)} must be between 1 second and 1 hour.");
        Check(problems, options.BackgroundRotationInterval >= TimeSpan.FromMinutes(1) && options.BackgroundRotationInterval <= TimeSpan.FromDays(7), $"{nameof(options.BackgroundRotationInterval)} must be between 1 minute and 7 days.");

        if (!options.UsesExternalKeyEncryptionKeyProvider)
        {
            ValidateMasterKeys(options, problems);
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private void ValidateMasterKeys(KeyManagementOptions options, List<string> problems)
    {
        if (options.GenerateMasterKeyFileIfMissing && securityOptions.Value.RequireProductionKeys)
        {
            problems.Add($"{nameof(options.GenerateMasterKeyFileIfMissing)} is refused because TekUp:Security:RequireProductionKeys is set: a generated key file is unprotected. Provide the master key from a secret store or use a KMS-backed IKeyEncryptionKeyProvider.");
        }

        if (options.GenerateMasterKeyFileIfMissing && string.IsNullOrWhiteSpace(options.MasterKeyFile))
        {
            problems.Add($"{nameof(options.GenerateMasterKeyFileIfMissing)} needs {nameof(options.MasterKeyFile)}.");
        }

        var keyProblems = new List<string>();
        using var keys = MasterKeyLoader.Load(options, generate: false, logger: null, timeProvider, keyProblems);
        problems.AddRange(keyProblems);
    }

    private static void Check(List<string> problems, bool condition, string problem)
    {
        if (!condition)
        {
            problems.Add(problem);
        }
    }
}
