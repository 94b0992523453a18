using System.Net;
using TekUp.Security.Networking;

namespace TekUp.Security.Rbac.Internal;

internal enum ConditionResult
{
    Satisfied,
    NotSatisfied,

    /// <summary>The condition needs a fact that is missing (no resource owner, no client address).</summary>
    Unknown,
}

/// <summary>A condition prepared for evaluation: time zones resolved, networks parsed.</summary>
internal abstract class CompiledCondition(PermissionCondition? source)
{
    /// <summary>The condition as stored; <see langword="null"/> only for an unreadable stored condition.</summary>
    public PermissionCondition? Source { get; } = source;

    public string Description => Source?.ToString() ?? "an unreadable condition";

    public abstract ConditionResult Evaluate(ref EvaluationInput input);

    /// <summary>Why the condition did not hold, for explanations.</summary>
    public abstract string NotSatisfiedText { get; }

    /// <summary>Why the condition could not be evaluated, for explanations.</summary>
    public virtual string UnknownText => "it could not be evaluated";

    public static CompiledCondition Compile(PermissionCondition? condition) => condition switch
    {
        OwnerCondition owner => new OwnerCheck(owner),
        SameTenantCondition sameTenant => new SameTenantCheck(sameTenant),
        TimeWindowCondition window => TimeWindowCheck.Create(window),
        ClientIpRangeCondition range => ClientIpRangeCheck.Create(range),

        // A condition the model does not know (it cannot happen with the closed hierarchy) must never allow.
        _ => new FaultyCondition(condition, condition is null ? "A stored condition is null." : $"Unknown condition type {condition.GetType().Name}."),
    };
}

internal sealed class OwnerCheck(OwnerCondition source) : CompiledCondition(source)
{
    public override string NotSatisfiedText => "the principal is not the resource's owner";

    public override string UnknownText => "the host gave no resource owner (ResourceContext.OwnerId)";

    public override ConditionResult Evaluate(ref EvaluationInput input)
    {
        var owner = input.Resource?.OwnerId;
        if (owner is null)
        {
            return ConditionResult.Unknown;
        }

        // The owner comes from the host's data, the subject from authentication: the caller controls neither.
        return string.Equals(owner, input.Principal.SubjectId, StringComparison.Ordinal) ? ConditionResult.Satisfied : ConditionResult.NotSatisfied;
    }
}

internal sealed class SameTenantCheck(SameTenantCondition source) : CompiledCondition(source)
{
    public override string NotSatisfiedText => "the resource belongs to another tenant";

    public override string UnknownText => "the host gave no resource tenant (ResourceContext.TenantId)";

    public override ConditionResult Evaluate(ref EvaluationInput input)
    {
        var tenant = input.Resource?.TenantId;
        if (tenant is null)
        {
            return ConditionResult.Unknown;
        }

        return string.Equals(tenant, input.Principal.TenantId, StringComparison.Ordinal) ? ConditionResult.Satisfied : ConditionResult.NotSatisfied;
    }
}

internal sealed class TimeWindowCheck : CompiledCondition
{
    private readonly TimeZoneInfo _zone;
    private readonly int _dayMask;
    private readonly long _start;
    private readonly long _end;

    private TimeWindowCheck(TimeWindowCondition source, TimeZoneInfo zone)
        : base(source)
    {
        _zone = zone;
        foreach (var day in source.Days)
        {
            _dayMask |= 1 << (int)day;
        }

        _start = source.Start.Ticks;
        _end = source.End.Ticks;
    }

    public override string NotSatisfiedText => "the current time is outside the window";

    public static CompiledCondition Create(TimeWindowCondition source)
    {
        if (source.Days is null || source.Days.Count == 0 || source.Days.Any(d => !Enum.IsDefined(d)) || source.Start == source.End)
        {
            return new FaultyCondition(source, "The time window is malformed.");
        }

        return TimeZones.TryFind(source.TimeZoneId, out var zone)
            ? new TimeWindowCheck(source, zone)
            : new FaultyCondition(source, $"Time zone '{source.TimeZoneId}' is not known on this system.");
    }

    public override ConditionResult Evaluate(ref EvaluationInput input)
    {
        // Wall-clock time in the zone: TimeZoneInfo applies the offset in force at this instant, so DST is handled.
        var local = TimeZoneInfo.ConvertTime(input.UtcNow, _zone);
        var time = local.TimeOfDay.Ticks;
        var day = (int)local.DayOfWeek;
        bool inside;
        if (_start < _end)
        {
            inside = IsDay(day) && time >= _start && time < _end;
        }
        else
        {
            // The window opens on a listed day and runs past midnight into the next day.
            var previousDay = (day + 6) % 7;
            inside = (IsDay(day) && time >= _start) || (IsDay(previousDay) && time < _end);
        }

        return inside ? ConditionResult.Satisfied : ConditionResult.NotSatisfied;
    }

    private bool IsDay(int day) => (_dayMask & (1 << day)) != 0;
}

internal sealed class ClientIpRangeCheck : CompiledCondition
{
    private readonly IPNetwork[] _networks;

    private ClientIpRangeCheck(ClientIpRangeCondition source, IPNetwork[] networks)
        : base(source)
    {
        _networks = networks;
    }

    public override string NotSatisfiedText => "the client address is outside the allowed networks";

    public override string UnknownText => "the client address is unknown";

    public static CompiledCondition Create(ClientIpRangeCondition source)
    {
        if (source.Networks is null || source.Networks.Count == 0)
        {
            return new FaultyCondition(source, "The client IP range lists no network.");
        }

        var networks = new IPNetwork[source.Networks.Count];
        for (var i = 0; i < networks.Length; i++)
        {
            if (!IpAddresses.TryParseNetwork(source.Networks[i], out networks[i], out var error))
            {
                return new FaultyCondition(source, error);
            }
        }

        return new ClientIpRangeCheck(source, networks);
    }

    public override ConditionResult Evaluate(ref EvaluationInput input)
    {
        var address = input.ClientAddress;
        if (address is null)
        {
            return ConditionResult.Unknown;
        }

        foreach (var network in _networks)
        {
            if (network.Contains(address))
            {
                return ConditionResult.Satisfied;
            }
        }

        return ConditionResult.NotSatisfied;
    }
}

/// <summary>
/// A stored condition that cannot be prepared (a time zone missing from this host's time zone database, a corrupted
/// network). Evaluating it throws, so the check takes the evaluation-error path: denied and audited.
/// </summary>
internal sealed class FaultyCondition(PermissionCondition? source, string error) : CompiledCondition(source)
{
    public override string NotSatisfiedText => error;

    public override ConditionResult Evaluate(ref EvaluationInput input) => throw new InvalidOperationException(error);
}
