namespace TekUp.Security.Auth.ApiKeys;

/// <summary>A batched last-used update: key <paramref name="KeyId"/> was used at <paramref name="UsedAt"/>.</summary>
/// <param name="TenantId">The key's tenant.</param>
/// <param name="KeyId">The key's id.</param>
/// <param name="UsedAt">The latest use seen by this process.</param>
public readonly record struct ApiKeyUsage(string TenantId, string KeyId, DateTimeOffset UsedAt);
