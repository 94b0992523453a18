namespace TekUp.Security.Rbac;

/// <summary>Options of the Rbac module, bound from <c>TekUp:Security:Rbac</c>.</summary>
public sealed class RbacOptions
{
    /// <summary>Which allowed checks are written to the audit trail. Denials are always audited. Default <see cref="AllowAuditPolicy.None"/>.</summary>
    public AllowAuditPolicy AllowAudit { get; set; } = AllowAuditPolicy.None;

    /// <summary>
    /// With <see cref="AllowAuditPolicy.Sampled"/>, the share of allowed checks audited, in (0, 1]. Sampling is systematic:
    /// a rate of 0.01 audits every 100th allow. Default 0.01.
    /// </summary>
    public double AllowAuditSampleRate { get; set; } = 0.01;

    /// <summary>
    /// How old this instance's knowledge of a tenant's RBAC epoch may get before a check reads it again from the store:
    /// the bound within which a change made by another instance sharing the store takes effect here. Changes made through
    /// this instance's <see cref="IRoleManager"/> take effect at once. <see cref="TimeSpan.Zero"/> reads the epoch on every
    /// check. Between 0 and 1 hour; default 5 seconds.
    /// </summary>
    public TimeSpan EpochCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How many compiled permission sets (one per principal) are cached; the least recently used tenth is evicted when the
    /// cache grows past it. Between 1 and 1,000,000; default 10,000.
    /// </summary>
    public int MaxCachedPrincipals { get; set; } = 10_000;
}

/// <summary>Which allowed checks are audited.</summary>
public enum AllowAuditPolicy
{
    /// <summary>No allowed check is audited (only counted in metrics).</summary>
    None = 0,

    /// <summary>A share of allowed checks is audited (<see cref="RbacOptions.AllowAuditSampleRate"/>).</summary>
    Sampled = 1,

    /// <summary>Every allowed check is audited.</summary>
    All = 2,
}
