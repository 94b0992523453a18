using TekUp.Security.Auditing;

namespace TekUp.Security.Core.Tests.Auditing;

/// <summary>Tampering with stored rows, as someone with write access to the database would, is detected.</summary>
public sealed class AuditTrailVerifyTests : IAsyncLifetime
{
    private readonly ListAuditStore _store = new();
    private AuditTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = new AuditTestHost(store: _store);
        await _host.AppendAsync(25);
    }

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    private Task<AuditVerificationResult> VerifyAsync(AuditVerificationRange? range = null) => _host.Trail.VerifyAsync(range);

    [Fact]
    public async Task VerifyAsync_UntouchedChain_IsValidWithCounts()
    {
        var result = await VerifyAsync();

        Assert.True(result.IsValid, result.Detail);
        Assert.Null(result.FirstBrokenSequence);
        Assert.Equal(25, result.EntriesVerified);
        Assert.Equal(3, result.CheckpointsVerified);
        Assert.Equal(25, result.LastSequence);
        Assert.Equal("billing", result.ChainId);
    }

    [Fact]
    public async Task VerifyAsync_EmptyChain_IsValid()
    {
        await using var host = new AuditTestHost();

        var result = await host.Trail.VerifyAsync();

        Assert.True(result.IsValid);
        Assert.Equal(0, result.LastSequence);
    }

    public static TheoryData<string> Fields() =>
    [
        "Timestamp", "TenantId", "EventType", "Actor", "SubjectPseudonym", "Resource", "Outcome", "Reason", "Data", "DataAdded", "Sequence", "ChainId",
    ];

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task VerifyAsync_AnyFieldChanged_NamesThatEntry(string field)
    {
        var e = _store.Entries[11];
        _store.Entries[11] = field switch
        {
            "Timestamp" => e with { Timestamp = e.Timestamp.AddMilliseconds(1) },
            "TenantId" => e with { TenantId = "globex" },
            "EventType" => e with { EventType = "invoice.write" },
            "Actor" => e with { Actor = "someone-else" },
            "SubjectPseudonym" => e with { SubjectPseudonym = null },
            "Resource" => e with { Resource = "invoices/999" },
            "Outcome" => e with { Outcome = AuditOutcome.Success == e.Outcome ? AuditOutcome.Failure : AuditOutcome.Success },
            "Reason" => e with { Reason = "other" },
            "Data" => e with { Data = new Dictionary<string, string> { ["index"] = "13", ["channel"] = "web" } },
            "DataAdded" => e with { Data = new Dictionary<string, string>(e.Data) { ["extra"] = "x" } },
            "Sequence" => e with { Sequence = 112 },
            "ChainId" => e with { ChainId = "other" },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        var result = await VerifyAsync();

        Assert.False(result.IsValid);
        Assert.Equal(12, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task VerifyAsync_HashRewritten_DetectedAtThatEntry()
    {
        _store.Entries[4] = _store.Entries[4] with { Hash = new string('a', 64) };

        var result = await VerifyAsync();

        Assert.Equal(AuditVerificationFailure.HashMismatch, result.Failure);
        Assert.Equal(5, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task VerifyAsync_PreviousHashRewritten_DetectedAsBrokenLink()
    {
        _store.Entries[4] = _store.Entries[4] with { PreviousHash = new string('a', 64) };

        var result = await VerifyAsync();

        Assert.Equal(AuditVerificationFailure.BrokenLink, result.Failure);
        Assert.Equal(5, result.FirstBrokenSequence);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(8)]
    public async Task VerifyAsync_LastRowsDeleted_DetectsMissingTail(int count)
    {
        // 25 entries with checkpoints at 10 and 20: deleting 8 crosses the checkpoint at 20.
        _store.Entries.RemoveRange(_store.Entries.Count - count, count);

        var result = await VerifyAsync();

        Assert.Equal(AuditVerificationFailure.MissingTail, result.Failure);
        Assert.Equal(25 - count + 1, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task VerifyAsync_TailAndCheckpointDeleted_StillDetectsMissingTail()
    {
        _store.Entries.RemoveRange(17, 8);
        _store.Checkpoints.RemoveAll(c => c.Sequence == 20);

        var result = await VerifyAsync();

        Assert.False(result.IsValid);
        Assert.Equal(18, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task VerifyAsync_EntryDeletedInTheMiddle_DetectsGap()
    {
        _store.Entries.RemoveAt(6);

        var result = await VerifyAsync();

        Assert.Equal(AuditVerificationFailure.SequenceGap, result.Failure);
        Assert.Equal(7, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task VerifyAsync_EntriesReordered_Detected()
    {
        (_store.Entries[6], _store.Entries[7]) = (_store.Entries[7], _store.Entries[6]);

        var result = await VerifyAsync();

        Assert.Equal(AuditVerificationFailure.SequenceGap, result.Failure);
        Assert.Equal(7, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task VerifyAsync_SequenceNumbersSwapped_Detected()
    {
        var (a, b) = (_store.Entries[6], _store.Entries[7]);
        _store.Entries[6] = b with { Sequence = 7 };
        _store.Entries[7] = a with { Sequence = 8 };

        var result = await VerifyAsync();

        Assert.False(result.IsValid);
        Assert.Equal(7, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task VerifyAsync_HeadDeleted_DetectsMissingHead()
    {
        _store.Head = null;

        var result = await VerifyAsync();

        Assert.Equal(AuditVerificationFailure.MissingHead, result.Failure);
        Assert.Equal(21, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task VerifyAsync_CheckpointDeleted_DetectsCheckpointMismatch()
    {
        _store.Checkpoints.RemoveAll(c => c.Sequence == 10);

        var result = await VerifyAsync();

        Assert.Equal(AuditVerificationFailure.CheckpointMismatch, result.Failure);
        Assert.Equal(10, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task VerifyAsync_CheckpointSignatureForged_DetectsBadSignature()
    {
        var index = _store.Checkpoints.FindIndex(c => c.Sequence == 10);
        _store.Checkpoints[index] = _store.Checkpoints[index] with { Timestamp = _store.Checkpoints[index].Timestamp.AddDays(1) };

        var result = await VerifyAsync();

        Assert.Equal(AuditVerificationFailure.BadSignature, result.Failure);
        Assert.Equal(1, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task VerifyAsync_CheckpointNamesUnknownKey_DetectsUnknownKey()
    {
        _store.Head = _store.Head! with { KeyId = "rogue" };

        var result = await VerifyAsync();

        Assert.Equal(AuditVerificationFailure.UnknownKey, result.Failure);
    }

    [Fact]
    public async Task VerifyAsync_CheckpointAlgorithmChanged_DetectsUnsupportedAlgorithm()
    {
        _store.Head = _store.Head! with { Algorithm = "MD5" };

        var result = await VerifyAsync();

        Assert.Equal(AuditVerificationFailure.UnsupportedAlgorithm, result.Failure);
    }

    [Fact]
    public async Task VerifyAsync_TailRewrittenWithConsistentHashes_DetectedByCheckpoint()
    {
        // An attacker without the signing key rewrites entry 12 and re-hashes everything after it.
        var canonical = new TekUp.Security.Auditing.Internal.AuditCanonicalForm();
        var hash = new byte[32];
        for (var i = 11; i < _store.Entries.Count; i++)
        {
            var e = _store.Entries[i] with { PreviousHash = _store.Entries[i - 1].Hash };
            if (i == 11)
            {
                e = e with { Resource = "invoices/forged" };
            }

            canonical.TryHashEntry(e, hash);
            _store.Entries[i] = e with { Hash = Convert.ToHexStringLower(hash) };
        }

        var result = await VerifyAsync();

        Assert.Equal(AuditVerificationFailure.CheckpointMismatch, result.Failure);
        Assert.Equal(11, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task VerifyAsync_EntryAddedAfterHead_DetectsUnanchoredEntries()
    {
        var last = _store.Entries[^1];
        _store.Entries.Add(last with { Sequence = 26, PreviousHash = last.Hash });

        var result = await VerifyAsync();

        Assert.Equal(AuditVerificationFailure.UnanchoredEntries, result.Failure);
        Assert.Equal(26, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task VerifyAsync_RangeAroundTamperedEntry_DetectsIt()
    {
        _store.Entries[14] = _store.Entries[14] with { Actor = "forged" };

        var result = await VerifyAsync(new AuditVerificationRange(12, 17));

        Assert.Equal(AuditVerificationFailure.HashMismatch, result.Failure);
        Assert.Equal(15, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task VerifyAsync_RangeBeforeTamperedEntry_VerifiesFromCheckpointToCheckpoint()
    {
        _store.Entries[22] = _store.Entries[22] with { Actor = "forged" };

        var result = await VerifyAsync(new AuditVerificationRange(12, 17));

        Assert.True(result.IsValid, result.Detail);
        Assert.Equal(10, result.EntriesVerified);
        Assert.Equal(20, result.LastSequence);
    }

    [Fact]
    public async Task VerifyAsync_Tampered_PublishesSecurityEvent()
    {
        var events = new List<TekUp.Security.Events.SecurityEvent>();
        var handler = new RecordingHandler(events);
        await using var host = new AuditTestHost(store: _store, services: s => s.AddSingleton<TekUp.Security.Events.ISecurityEventHandler>(handler));
        _store.Entries.RemoveAt(3);

        await host.Trail.VerifyAsync();

        var raised = Assert.Single(events);
        Assert.Equal(TekUp.Security.Events.SecurityEventType.AuditTamperDetected, raised.Type);
        Assert.Equal("SequenceGap", raised.Reason);
    }

    private sealed class RecordingHandler(List<TekUp.Security.Events.SecurityEvent> events) : TekUp.Security.Events.ISecurityEventHandler
    {
        public void Handle(TekUp.Security.Events.SecurityEvent securityEvent) => events.Add(securityEvent);
    }
}
