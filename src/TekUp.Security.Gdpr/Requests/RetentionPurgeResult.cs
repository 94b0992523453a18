namespace TekUp.Security.Gdpr;

/// <summary>What a retention purge erased.</summary>
/// <param name="RequestsVisited">Erasure requests with a retention that had ended.</param>
/// <param name="RecordsErased">Records erased because their retention ended.</param>
/// <param name="SourcesFailed">Source runs that threw (retried by the next purge).</param>
public sealed record RetentionPurgeResult(int RequestsVisited, int RecordsErased, int SourcesFailed);
