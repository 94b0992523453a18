using Microsoft.Extensions.Options;

namespace TekUp.Security.Internal;

internal sealed class TekUpSecurityOptionsValidator : IValidateOptions<TekUpSecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, TekUpSecurityOptions options)
    {
        var failures = new List<string>();
        if (!Identifiers.IsValidName(options.ApplicationName))
        {
            failures.Add($"{nameof(TekUpSecurityOptions.ApplicationName)} must be 1-64 characters of letters, digits, '.', '-' or '_'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
