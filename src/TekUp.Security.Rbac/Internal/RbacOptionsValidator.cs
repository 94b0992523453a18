using Microsoft.Extensions.Options;

namespace TekUp.Security.Rbac.Internal;

internal sealed class RbacOptionsValidator : IValidateOptions<RbacOptions>
{
    public ValidateOptionsResult Validate(string? name, RbacOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.AllowAudit))
        {
            failures.Add($"{nameof(RbacOptions.AllowAudit)} must be None, Sampled or All.");
        }

        if (!(options.AllowAuditSampleRate > 0 && options.AllowAuditSampleRate <= 1))
        {
            failures.Add($"{nameof(RbacOptions.AllowAuditSampleRate)} must be greater than 0 and at most 1.");
        }

        if (options.EpochCheckInterval < TimeSpan.Zero || options.EpochCheckInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"{nameof(RbacOptions.EpochCheckInterval)} must be between 0 and 1 hour.");
        }

        if (options.MaxCachedPrincipals is < 1 or > 1_000_000)
        {
            failures.Add($"{nameof(RbacOptions.MaxCachedPrincipals)} must be between 1 and 1,000,000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
