namespace TekUp.Security.Rbac.Tests.Conditions;

/// <summary>
/// Windows are wall-clock windows in Europe/Copenhagen (CET, UTC+1; CEST, UTC+2). In 2026 summer time starts on Sunday
/// 29 March at 01:00 UTC (02:00 local becomes 03:00) and ends on Sunday 25 October at 01:00 UTC (03:00 local becomes 02:00).
/// Each DST case picks instants where a fixed offset would give the opposite answer.
/// </summary>
public sealed class TimeWindowConditionTests
{
    private const string Copenhagen = "Europe/Copenhagen";

    /// <summary>Sets the role up an hour before <paramref name="utc"/> (so the clock moves, and timers fire, as in life), then checks at it.</summary>
    private static async Task<AccessDecision> CheckAtAsync(string utc, TimeOnly start, TimeOnly end, params DayOfWeek[] days)
    {
        var instant = DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);
        await using var h = new RbacHarness(start: instant.AddHours(-1));
        await h.CreateRoleAsync("shift", Permission.Allow("till", "open").When(PermissionCondition.TimeWindow(Copenhagen, start, end, days)));
        var alice = await h.UserWithRolesAsync("alice", "shift");
        h.Time.SetUtcNow(instant);
        return await h.CheckAsync(alice, "till", "open");
    }

    [Theory]
    [InlineData("2026-01-15T07:00:00Z", true)] // Thursday 08:00 CET: opening minute
    [InlineData("2026-01-15T06:59:59Z", false)] // 07:59:59 CET
    [InlineData("2026-01-15T15:59:59Z", true)] // 16:59:59 CET
    [InlineData("2026-01-15T16:00:00Z", false)] // 17:00 CET: end is exclusive
    [InlineData("2026-01-17T10:00:00Z", false)] // Saturday
    public async Task CheckAsync_OfficeHoursOnWeekdays_AllowsOnlyInside(string utc, bool allowed)
    {
        var decision = await CheckAtAsync(utc, new TimeOnly(8, 0), new TimeOnly(17, 0), [.. TimeWindowCondition.Weekdays]);

        Assert.Equal(allowed, decision.IsAllowed);
        if (!allowed)
        {
            Assert.Equal(AccessDecisionReason.ConditionNotMet, decision.Reason);
            Assert.Contains("outside the window", decision.Explanation, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("2026-03-29T06:30:00Z", true)] // 08:30 CEST (a fixed UTC+1 would say 07:30)
    [InlineData("2026-03-29T15:30:00Z", false)] // 17:30 CEST (UTC+1 would say 16:30)
    [InlineData("2026-03-29T14:59:59Z", true)] // 16:59:59 CEST
    public async Task CheckAsync_SpringForwardSunday_UsesSummerTimeAfterTheChange(string utc, bool allowed)
    {
        var decision = await CheckAtAsync(utc, new TimeOnly(8, 0), new TimeOnly(17, 0), DayOfWeek.Sunday);

        Assert.Equal(allowed, decision.IsAllowed);
    }

    [Theory]
    [InlineData("2026-10-25T06:30:00Z", false)] // 07:30 CET (a fixed UTC+2 would say 08:30)
    [InlineData("2026-10-25T07:00:00Z", true)] // 08:00 CET
    [InlineData("2026-10-25T15:30:00Z", true)] // 16:30 CET (UTC+2 would say 17:30)
    [InlineData("2026-10-25T16:00:00Z", false)] // 17:00 CET
    public async Task CheckAsync_FallBackSunday_UsesWinterTimeAfterTheChange(string utc, bool allowed)
    {
        var decision = await CheckAtAsync(utc, new TimeOnly(8, 0), new TimeOnly(17, 0), DayOfWeek.Sunday);

        Assert.Equal(allowed, decision.IsAllowed);
    }

    [Theory]
    [InlineData("2026-03-29T00:59:59Z")] // 01:59:59 CET, the last second before the jump
    [InlineData("2026-03-29T01:00:00Z")] // 03:00 CEST, the first second after it
    [InlineData("2026-03-29T01:30:00Z")] // 03:30 CEST
    public async Task CheckAsync_WindowInsideSkippedHour_NeverOpensThatDay(string utc)
    {
        var decision = await CheckAtAsync(utc, new TimeOnly(2, 0), new TimeOnly(3, 0), DayOfWeek.Sunday);

        Assert.False(decision.IsAllowed);
    }

    [Theory]
    [InlineData("2026-10-25T00:30:00Z", true)] // 02:30 CEST, first pass
    [InlineData("2026-10-25T01:30:00Z", true)] // 02:30 CET, second pass
    [InlineData("2026-10-25T02:00:00Z", false)] // 03:00 CET
    [InlineData("2026-10-24T23:59:59Z", false)] // 01:59:59 CEST
    public async Task CheckAsync_WindowInsideRepeatedHour_OpensOnBothPasses(string utc, bool allowed)
    {
        var decision = await CheckAtAsync(utc, new TimeOnly(2, 0), new TimeOnly(3, 0), DayOfWeek.Sunday);

        Assert.Equal(allowed, decision.IsAllowed);
    }

    [Theory]
    [InlineData("2026-01-16T21:30:00Z", true)] // Friday 22:30 CET: opened Friday
    [InlineData("2026-01-17T04:59:59Z", true)] // Saturday 05:59:59 CET: still Friday's window
    [InlineData("2026-01-17T05:00:00Z", false)] // Saturday 06:00 CET
    [InlineData("2026-01-17T21:30:00Z", false)] // Saturday 22:30 CET: Saturday is not listed
    [InlineData("2026-01-16T04:00:00Z", true)] // Friday 05:00 CET: Thursday's window
    public async Task CheckAsync_WindowAcrossMidnight_BelongsToTheDayItOpens(string utc, bool allowed)
    {
        var decision = await CheckAtAsync(utc, new TimeOnly(22, 0), new TimeOnly(6, 0), DayOfWeek.Thursday, DayOfWeek.Friday);

        Assert.Equal(allowed, decision.IsAllowed);
    }

    [Fact]
    public async Task CheckAsync_DenyDuringMaintenanceWindow_DeniesOnlyInside()
    {
        await using var h = new RbacHarness(start: new DateTimeOffset(2026, 1, 18, 0, 0, 0, TimeSpan.Zero));
        await h.CreateRoleAsync(
            "operator",
            Permission.Allow("billing", "run"),
            Permission.Deny("billing", "run").When(PermissionCondition.TimeWindow(Copenhagen, new TimeOnly(2, 0), new TimeOnly(4, 0), DayOfWeek.Sunday)));
        var alice = await h.UserWithRolesAsync("alice", "operator");

        h.Time.SetUtcNow(new DateTimeOffset(2026, 1, 18, 1, 30, 0, TimeSpan.Zero)); // Sunday 02:30 CET
        var inside = await h.CheckAsync(alice, "billing", "run");
        h.Time.SetUtcNow(new DateTimeOffset(2026, 1, 18, 3, 30, 0, TimeSpan.Zero)); // Sunday 04:30 CET
        var outside = await h.CheckAsync(alice, "billing", "run");

        Assert.Equal(AccessDecisionReason.ExplicitDeny, inside.Reason);
        Assert.True(outside.IsAllowed);
    }
}
