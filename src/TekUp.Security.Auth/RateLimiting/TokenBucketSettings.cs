namespace TekUp.Security.Auth.RateLimiting;

/// <summary>
/// A token bucket: up to <see cref="TokenLimit"/> requests at once (the burst), refilled continuously at
/// <see cref="TokensPerPeriod"/> per <see cref="ReplenishmentPeriod"/>. One request takes one token.
/// </summary>
public sealed class TokenBucketSettings
{
    /// <summary>The bucket size (burst). Default 100.</summary>
    public int TokenLimit { get; set; } = 100;

    /// <summary>Tokens added per period. Default 50.</summary>
    public int TokensPerPeriod { get; set; } = 50;

    /// <summary>The period. Default 1 second.</summary>
    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);

    internal TokenBucketSettings Clone() => new() { TokenLimit = TokenLimit, TokensPerPeriod = TokensPerPeriod, ReplenishmentPeriod = ReplenishmentPeriod };

    internal void Validate(string path, List<string> failures)
    {
        if (TokenLimit < 1)
        {
            failures.Add($"{path}.{nameof(TokenLimit)} must be at least 1.");
        }

        if (TokensPerPeriod < 1)
        {
            failures.Add($"{path}.{nameof(TokensPerPeriod)} must be at least 1.");
        }

        if (ReplenishmentPeriod <= TimeSpan.Zero || ReplenishmentPeriod > TimeSpan.FromDays(1))
        {
            failures.Add($"{path}.{nameof(ReplenishmentPeriod)} must be more than zero and at most one day.");
        }
    }
}
