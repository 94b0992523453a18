namespace TekUp.Security.Auth.Networking;

/// <summary>A blocked client address (normalised text form) until <see cref="BlockedUntil"/>.</summary>
public sealed record IpBlock
{
    /// <summary>The normalised address (<see cref="TekUp.Security.Networking.IpAddresses.Normalize"/>) as text.</summary>
    public required string Address { get; init; }

    /// <summary>When the block ends. A block is active while the current time is before this.</summary>
    public required DateTimeOffset BlockedUntil { get; init; }

    /// <summary>When the block was created or last extended.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>A short, non-secret reason, for example <c>brute_force</c>.</summary>
    public required string Reason { get; init; }

    /// <summary>Who blocked the address, for example <c>incidents</c> or an operator id.</summary>
    public string? Source { get; init; }
}
