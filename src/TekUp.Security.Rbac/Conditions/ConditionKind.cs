namespace TekUp.Security.Rbac;

/// <summary>The kinds of condition a permission can carry.</summary>
public enum ConditionKind
{
    /// <summary>The resource's owner is the authenticated principal (<see cref="OwnerCondition"/>).</summary>
    Owner = 1,

    /// <summary>The resource belongs to the principal's tenant (<see cref="SameTenantCondition"/>).</summary>
    SameTenant = 2,

    /// <summary>The check happens inside a weekly time window in a named time zone (<see cref="TimeWindowCondition"/>).</summary>
    TimeWindow = 3,

    /// <summary>The client connects from one of some networks (<see cref="ClientIpRangeCondition"/>).</summary>
    ClientIpRange = 4,
}
