namespace TekUp.Security.Auditing.Internal;

/// <summary>
/// Verifies a stored chain: from the periodic checkpoint before the range (or the first entry) to the checkpoint or
/// head after it, merging entries and checkpoints in sequence order, then checks the tail against the head.
/// </summary>
internal sealed class AuditStoreVerifier(IAuditStore store, IAuditKeyProvider keys, string chainId)
{
    public async Task<AuditVerificationResult> VerifyAsync(AuditVerificationRange? range, CancellationToken cancellationToken)
    {
        var verifier = new AuditChainVerifier(chainId, keys);
        try
        {
            await WalkAsync(verifier, range, cancellationToken).ConfigureAwait(false);
        }
        catch (AuditCorruptionException ex)
        {
            verifier.Fail(AuditVerificationFailure.MalformedEntry, ex.Sequence ?? verifier.LastSequence + 1, ex.Message);
        }

        return verifier.Result();
    }

    private async Task WalkAsync(AuditChainVerifier verifier, AuditVerificationRange? range, CancellationToken cancellationToken)
    {
        var head = await store.GetHeadAsync(chainId, cancellationToken).ConfigureAwait(false);
        var from = range?.FromSequence ?? 1;
        if (from > 1)
        {
            AuditCheckpoint? anchor = null;
            await foreach (var checkpoint in store.ReadCheckpointsAsync(chainId, 1, from - 1, cancellationToken).ConfigureAwait(false))
            {
                anchor = checkpoint;
            }

            if (anchor is not null && !verifier.StartAfter(anchor))
            {
                return;
            }
        }

        // The walk ends at a signed statement: the first periodic checkpoint at or after the range's end, else the head.
        var end = head?.Sequence ?? long.MaxValue;
        var endsAtHead = true;
        if (range?.ToSequence is { } to && (head is null || to < head.Sequence))
        {
            await foreach (var checkpoint in store.ReadCheckpointsAsync(chainId, to, long.MaxValue, cancellationToken).ConfigureAwait(false))
            {
                end = checkpoint.Sequence;
                endsAtHead = head is not null && checkpoint.Sequence >= head.Sequence;
                break;
            }
        }

        var start = verifier.LastSequence + 1;
        await using var checkpoints = store.ReadCheckpointsAsync(chainId, start, end, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var pending = await checkpoints.MoveNextAsync().ConfigureAwait(false) ? checkpoints.Current : null;
        await foreach (var entry in store.ReadAsync(chainId, start, end, cancellationToken).ConfigureAwait(false))
        {
            if (!verifier.AddEntry(entry))
            {
                return;
            }

            while (pending is not null && pending.Sequence <= entry.Sequence)
            {
                if (!verifier.AddCheckpoint(pending))
                {
                    return;
                }

                pending = await checkpoints.MoveNextAsync().ConfigureAwait(false) ? checkpoints.Current : null;
            }
        }

        if (pending is not null)
        {
            // A checkpoint beyond the last entry: its entries were deleted.
            verifier.AddCheckpoint(pending);
            return;
        }

        if (head is null)
        {
            if (verifier.LastSequence > 0)
            {
                verifier.Fail(AuditVerificationFailure.MissingHead, verifier.LastAnchored + 1,
                    $"The chain holds entries up to {verifier.LastSequence} but its signed head is missing: entries after {verifier.LastAnchored} cannot be trusted.");
            }

            return;
        }

        if (!endsAtHead)
        {
            return;
        }

        if (!verifier.AddCheckpoint(head))
        {
            return;
        }

        // Entries after the head were not written by the trail (it stores entries and head in one transaction).
        // The head is re-read after the last sequence, so a batch committed meanwhile is not mistaken for them.
        var last = await store.GetLastSequenceAsync(chainId, cancellationToken).ConfigureAwait(false);
        var current = await store.GetHeadAsync(chainId, cancellationToken).ConfigureAwait(false);
        if (last > (current?.Sequence ?? 0))
        {
            verifier.Fail(AuditVerificationFailure.UnanchoredEntries, head.Sequence + 1,
                $"Entries up to {last} exist after the signed head at {current?.Sequence ?? 0}: they were added behind the trail's back.");
        }
    }
}
