using Microsoft.Extensions.Options;

namespace TekUp.Security.Cryptography.Internal;

/// <summary>Validates <see cref="CryptoOptions"/>, listing every problem.</summary>
internal sealed class CryptoOptionsValidator : IValidateOptions<CryptoOptions>
{
    public ValidateOptionsResult Validate(string? name, CryptoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.BcryptCost is < BcryptHashFormat.MinimumCost or > BcryptHashFormat.MaximumCost)
        {
            failures.Add($"{nameof(CryptoOptions)}.{nameof(CryptoOptions.BcryptCost)} must be between {BcryptHashFormat.MinimumCost} and {BcryptHashFormat.MaximumCost}; it is {options.BcryptCost}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
