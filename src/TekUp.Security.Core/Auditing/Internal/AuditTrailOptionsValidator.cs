using Microsoft.Extensions.Options;
using TekUp.Security.Internal;

namespace TekUp.Security.Auditing.Internal;

/// <summary>
/// Validates <see cref="AuditTrailOptions"/> at start, listing every problem. Keys are required when
/// <see cref="TekUpSecurityOptions.RequireProductionKeys"/> is set and the default key provider is in use.
/// </summary>
internal sealed class AuditTrailOptionsValidator(IOptions<TekUpSecurityOptions> securityOptions, AuditKeyProviderSelection selection)
    : IValidateOptions<AuditTrailOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditTrailOptions options)
    {
        var failures = new List<string>();
        var keyRule = $"must be base64 of at least {OptionsAuditKeyProvider.MinimumKeyBytes} bytes";
        if (options.SigningKey is not null && !OptionsAuditKeyProvider.TryDecodeKey(options.SigningKey, out _))
        {
            failures.Add($"{nameof(AuditTrailOptions.SigningKey)} {keyRule}.");
        }

        if (options.PseudonymKey is not null && !OptionsAuditKeyProvider.TryDecodeKey(options.PseudonymKey, out _))
        {
            failures.Add($"{nameof(AuditTrailOptions.PseudonymKey)} {keyRule}.");
        }

        if (!Identifiers.IsValidName(options.SigningKeyId))
        {
            failures.Add($"{nameof(AuditTrailOptions.SigningKeyId)} must be 1-64 characters of letters, digits, '.', '-' or '_'.");
        }

        foreach (var (keyId, key) in options.PreviousSigningKeys)
        {
            if (!Identifiers.IsValidName(keyId))
            {
                failures.Add($"{nameof(AuditTrailOptions.PreviousSigningKeys)} has a key id that is not 1-64 characters of letters, digits, '.', '-' or '_'.");
            }
            else if (!OptionsAuditKeyProvider.TryDecodeKey(key, out _))
            {
                failures.Add($"{nameof(AuditTrailOptions.PreviousSigningKeys)}[{keyId}] {keyRule}.");
            }
            else if (string.Equals(keyId, options.SigningKeyId, StringComparison.Ordinal) && options.SigningKey is not null)
            {
                failures.Add($"{nameof(AuditTrailOptions.PreviousSigningKeys)} must not repeat the current {nameof(AuditTrailOptions.SigningKeyId)} '{keyId}'.");
            }
        }

        if (options.QueueCapacity is < 1 or > 1_000_000)
        {
            failures.Add($"{nameof(AuditTrailOptions.QueueCapacity)} must be between 1 and 1,000,000.");
        }

        if (options.BatchSize is < 1 or > 10_000)
        {
            failures.Add($"{nameof(AuditTrailOptions.BatchSize)} must be between 1 and 10,000.");
        }

        if (options.CheckpointInterval is < 1 or > 10_000_000)
        {
            failures.Add($"{nameof(AuditTrailOptions.CheckpointInterval)} must be between 1 and 10,000,000.");
        }

        if (options.MaxRetryDelay < TimeSpan.FromMilliseconds(10) || options.MaxRetryDelay > TimeSpan.FromHours(1))
        {
            failures.Add($"{nameof(AuditTrailOptions.MaxRetryDelay)} must be between 10 milliseconds and 1 hour.");
        }

        if (securityOptions.Value.RequireProductionKeys && selection.IsDefaultProvider())
        {
            if (options.SigningKey is null)
            {
                failures.Add($"{nameof(AuditTrailOptions.SigningKey)} is required when {nameof(TekUpSecurityOptions.RequireProductionKeys)} is set (ephemeral audit keys make checkpoints unverifiable after a restart).");
            }

            if (options.PseudonymKey is null)
            {
                failures.Add($"{nameof(AuditTrailOptions.PseudonymKey)} is required when {nameof(TekUpSecurityOptions.RequireProductionKeys)} is set (ephemeral pseudonym keys change pseudonyms after a restart).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
