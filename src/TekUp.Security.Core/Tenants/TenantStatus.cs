namespace TekUp.Security.Tenants;

/// <summary>The lifecycle state of a tenant.</summary>
public enum TenantStatus
{
    /// <summary>The tenant may authenticate and use the platform.</summary>
    Active = 1,

    /// <summary>Temporarily blocked (for example by incident containment or unpaid invoices); data is kept.</summary>
    Suspended = 2,

    /// <summary>Permanently off-boarded; authentication is refused.</summary>
    Deactivated = 3,
}
