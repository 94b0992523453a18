namespace TekUp.Security.Rbac;

/// <summary>
/// A condition on a <see cref="Permission"/>. The set of kinds is closed (<see cref="ConditionKind"/>): conditions read
/// only what the SDK can vouch for — the authenticated principal, the resource facts the host passes in
/// <see cref="ResourceContext"/>, the client address from the connection and the time from <see cref="TimeProvider"/> —
/// never a value a caller states about itself.
/// </summary>
public abstract record PermissionCondition
{
    private protected PermissionCondition()
    {
    }

    /// <summary>The kind of condition.</summary>
    public abstract ConditionKind Kind { get; }

    /// <summary>The resource's owner (<see cref="ResourceContext.OwnerId"/>) is the principal's subject id.</summary>
    public static OwnerCondition Owner { get; } = new();

    /// <summary>The resource's tenant (<see cref="ResourceContext.TenantId"/>) is known and is the principal's tenant.</summary>
    public static SameTenantCondition SameTenant { get; } = new();

    /// <summary>Creates a weekly time window; see <see cref="TimeWindowCondition"/>.</summary>
    /// <param name="timeZoneId">An IANA time zone id such as <c>Europe/Copenhagen</c>.</param>
    /// <param name="start">The local start time (inclusive).</param>
    /// <param name="end">The local end time (exclusive); earlier than <paramref name="start"/> for a window across midnight.</param>
    /// <param name="days">The local days on which the window opens.</param>
    public static TimeWindowCondition TimeWindow(string timeZoneId, TimeOnly start, TimeOnly end, params DayOfWeek[] days) =>
        new() { TimeZoneId = timeZoneId, Start = start, End = end, Days = days };

    /// <summary>Creates a client network condition; see <see cref="ClientIpRangeCondition"/>.</summary>
    /// <param name="networks">Networks in strict CIDR notation, IPv4 or IPv6.</param>
    public static ClientIpRangeCondition ClientIpRange(params string[] networks) => new() { Networks = networks };
}

/// <summary>
/// Holds when the owner of the resource, as the host read it from its own data into <see cref="ResourceContext.OwnerId"/>,
/// is the authenticated principal's <see cref="Principals.SecurityPrincipal.SubjectId"/>. Without a known owner it cannot be
/// evaluated: an allow does not apply, a deny does.
/// </summary>
public sealed record OwnerCondition : PermissionCondition
{
    /// <inheritdoc />
    public override ConditionKind Kind => ConditionKind.Owner;

    /// <inheritdoc />
    public override string ToString() => "owner";
}

/// <summary>
/// Holds when the resource's tenant (<see cref="ResourceContext.TenantId"/>) is known and equals the principal's tenant.
/// A resource of another tenant is denied before any permission is considered; this condition additionally demands that
/// the host states the resource's tenant.
/// </summary>
public sealed record SameTenantCondition : PermissionCondition
{
    /// <inheritdoc />
    public override ConditionKind Kind => ConditionKind.SameTenant;

    /// <inheritdoc />
    public override string ToString() => "same-tenant";
}

/// <summary>
/// Holds when the current time, read from <see cref="TimeProvider"/> and converted to wall-clock time in
/// <see cref="TimeZoneId"/>, falls on one of <see cref="Days"/> between <see cref="Start"/> (inclusive) and
/// <see cref="End"/> (exclusive). When <see cref="End"/> is earlier than <see cref="Start"/> the window runs past
/// midnight into the next day, and <see cref="Days"/> names the day it opens. Windows are wall-clock windows: across a
/// daylight-saving change, 08:00-17:00 stays 08:00-17:00 local time; a window inside the skipped hour of the spring
/// change does not occur that day, and one inside the repeated hour of the autumn change occurs twice.
/// </summary>
public sealed record TimeWindowCondition : PermissionCondition
{
    /// <summary>An IANA time zone id, for example <c>Europe/Copenhagen</c>, resolved with <see cref="TimeZoneInfo.FindSystemTimeZoneById"/>.</summary>
    public required string TimeZoneId { get; init; }

    /// <summary>The days on which the window opens, in local time. At least one.</summary>
    public required IReadOnlyList<DayOfWeek> Days { get; init; }

    /// <summary>The local start time, inclusive.</summary>
    public required TimeOnly Start { get; init; }

    /// <summary>The local end time, exclusive. Must differ from <see cref="Start"/>.</summary>
    public required TimeOnly End { get; init; }

    /// <summary>Monday to Friday.</summary>
    public static IReadOnlyList<DayOfWeek> Weekdays { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <inheritdoc />
    public override ConditionKind Kind => ConditionKind.TimeWindow;

    /// <inheritdoc />
    public override string ToString() =>
        $"time {string.Join(',', Days.Select(d => d.ToString()[..3]))} {Start:HH\\:mm}-{End:HH\\:mm} {TimeZoneId}";

    /// <inheritdoc />
    public bool Equals(TimeWindowCondition? other) =>
        other is not null && TimeZoneId == other.TimeZoneId && Start == other.Start && End == other.End && Days.SequenceEqual(other.Days);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(TimeZoneId, Start, End, Days.Count);
}

/// <summary>
/// Holds when the client address of the request — supplied by the host integration from the connection through
/// <see cref="IClientAddressAccessor"/>, normalised so that an IPv4-mapped IPv6 address counts as its IPv4 address —
/// lies in one of <see cref="Networks"/>. Without a known client address it cannot be evaluated: an allow does not
/// apply, a deny does.
/// </summary>
public sealed record ClientIpRangeCondition : PermissionCondition
{
    /// <summary>
    /// Networks in CIDR notation (IPv4 or IPv6), 1-64 of them. Parsed strictly: a network with host bits set
    /// (<c>10.0.0.1/8</c>) is refused when the role is saved.
    /// </summary>
    public required IReadOnlyList<string> Networks { get; init; }

    /// <inheritdoc />
    public override ConditionKind Kind => ConditionKind.ClientIpRange;

    /// <inheritdoc />
    public override string ToString() => $"client-ip {string.Join(',', Networks)}";

    /// <inheritdoc />
    public bool Equals(ClientIpRangeCondition? other) => other is not null && Networks.SequenceEqual(other.Networks);

    /// <inheritdoc />
    public override int GetHashCode() => Networks.Count;
}
