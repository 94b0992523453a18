namespace TekUp.Security.Demo;

/// <summary>
/// The system clock, which the GDPR chapter can move forward to show a request becoming overdue. Every module reads
/// time only through <see cref="TimeProvider"/>, so moving this clock moves the whole SDK, as a fake clock does in tests.
/// </summary>
internal sealed class DemoClock : TimeProvider
{
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;

    public void Advance(TimeSpan by) => _offset += by;
}
