namespace TekUp.Security.Gdpr;

/// <summary>What a personal-data source is asked to act on.</summary>
/// <param name="TenantId">The tenant whose data it is.</param>
/// <param name="SubjectId">The host's identifier of the data subject (for example a customer number).</param>
/// <param name="RequestId">The data-subject request being processed, or <see cref="Guid.Empty"/> for a retention purge.</param>
public sealed record PersonalDataContext(string TenantId, string SubjectId, Guid RequestId);
