using System.Text;
using System.Text.Json.Nodes;
using TekUp.Security.Auditing;

namespace TekUp.Security.Core.Tests.Auditing;

public sealed class AuditExportTests : IAsyncLifetime
{
    private AuditTestHost _host = null!;

    public async Task InitializeAsync()
    {
        // 45 entries, checkpoints every 10: acme 1-15, globex 16-30, acme 31-45.
        _host = new AuditTestHost();
        await _host.AppendAsync(15, tenant: "acme");
        await _host.AppendAsync(15, start: 16, tenant: "globex", eventType: "key.rotated");
        await _host.AppendAsync(15, start: 31, tenant: "acme");
    }

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    private async Task<string[]> ExportAsync(AuditQuery query)
    {
        using var stream = new MemoryStream();
        await _host.Trail.ExportAsync(stream, query);
        return Encoding.UTF8.GetString(stream.ToArray()).Split('\n')[..^1];
    }

    private static async Task<AuditVerificationResult> VerifyAsync(IEnumerable<string> lines, IAuditKeyProvider? keys = null)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n"))));
        using var offline = AuditTestHost.OfflineKeys();
        return await AuditExportVerifier.VerifyAsync(stream, keys ?? offline);
    }

    private static JsonObject Parse(string line) => JsonNode.Parse(line)!.AsObject();

    [Fact]
    public async Task ExportAsync_WholeChain_VerifiesOfflineFromGenesisToHead()
    {
        var lines = await ExportAsync(AuditQuery.All);

        var result = await VerifyAsync(lines);

        Assert.True(result.IsValid, result.Detail);
        Assert.Equal(45, result.EntriesVerified);
        Assert.Equal(45, result.LastSequence);
        Assert.Equal(5, result.CheckpointsVerified);
        Assert.Equal("header", Parse(lines[0])["type"]!.GetValue<string>());
        Assert.Equal("footer", Parse(lines[^1])["type"]!.GetValue<string>());
        Assert.Equal("head", Parse(lines[^2])["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExportAsync_OneTenant_HoldsOnlyItsEntriesAndLinksForTheRest()
    {
        var lines = await ExportAsync(new AuditQuery { TenantId = "globex" });

        var entries = lines.Select(Parse).Where(l => l["type"]!.GetValue<string>() == "entry").ToList();
        var links = lines.Select(Parse).Where(l => l["type"]!.GetValue<string>() == "link").ToList();
        Assert.Equal(15, entries.Count);
        Assert.All(entries, e => Assert.Equal("globex", e["tenantId"]!.GetValue<string>()));
        Assert.DoesNotContain(lines, l => l.Contains("\"acme\"", StringComparison.Ordinal));
        Assert.Equal(5, links.Count);
        Assert.Equal(10, Parse(lines[1])["sequence"]!.GetValue<long>());

        var result = await VerifyAsync(lines);
        Assert.True(result.IsValid, result.Detail);
        Assert.Equal(15, result.EntriesVerified);
        Assert.Equal(30, result.LastSequence);
    }

    [Fact]
    public async Task ExportAsync_TimeAndTypeFilters_Apply()
    {
        var lines = await ExportAsync(new AuditQuery { EventType = "key.rotated", FromSequence = 20, Limit = 3 });

        var sequences = lines.Select(Parse).Where(l => l["type"]!.GetValue<string>() == "entry").Select(l => l["sequence"]!.GetValue<long>());
        Assert.Equal([20L, 21L, 22L], sequences);
        Assert.True((await VerifyAsync(lines)).IsValid);
    }

    [Fact]
    public async Task ExportAsync_NothingMatches_WritesVerifiableEmptyExport()
    {
        var lines = await ExportAsync(new AuditQuery { TenantId = "nobody" });

        Assert.Equal(2, lines.Length);
        var result = await VerifyAsync(lines);
        Assert.True(result.IsValid, result.Detail);
        Assert.Equal(0, result.EntriesVerified);
    }

    [Fact]
    public async Task VerifyAsync_EntryFieldChangedInExport_DetectsHashMismatch()
    {
        var lines = await ExportAsync(new AuditQuery { TenantId = "globex" });
        var index = Array.FindIndex(lines, l => l.Contains("\"sequence\":18,", StringComparison.Ordinal) && l.Contains("\"entry\"", StringComparison.Ordinal));
        var entry = Parse(lines[index]);
        entry["actor"] = "someone-else";
        lines[index] = entry.ToJsonString();

        var result = await VerifyAsync(lines);

        Assert.Equal(AuditVerificationFailure.HashMismatch, result.Failure);
        Assert.Equal(18, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task VerifyAsync_LineRemovedFromExport_DetectsGap()
    {
        var lines = (await ExportAsync(AuditQuery.All)).ToList();
        lines.RemoveAt(lines.FindIndex(l => l.Contains("\"sequence\":7,", StringComparison.Ordinal)));

        var result = await VerifyAsync(lines);

        Assert.Equal(AuditVerificationFailure.SequenceGap, result.Failure);
        Assert.Equal(7, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task VerifyAsync_ExportTruncated_DetectsMissingTail()
    {
        var lines = await ExportAsync(AuditQuery.All);
        var checkpoint20 = Array.FindIndex(lines, l => l.Contains("\"checkpoint\"", StringComparison.Ordinal) && l.Contains("\"sequence\":20,", StringComparison.Ordinal));

        var result = await VerifyAsync(lines[..(checkpoint20 + 1)]);

        Assert.Equal(AuditVerificationFailure.MissingTail, result.Failure);
        Assert.Equal(21, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task VerifyAsync_ExportCutMidLine_DetectsTruncation()
    {
        using var stream = new MemoryStream();
        await _host.Trail.ExportAsync(stream, AuditQuery.All);
        var bytes = stream.ToArray();
        using var cut = new MemoryStream(bytes[..(bytes.Length / 2)]);

        var result = await AuditExportVerifier.VerifyAsync(cut, AuditTestHost.OfflineKeys());

        Assert.Equal(AuditVerificationFailure.MissingTail, result.Failure);
    }

    [Fact]
    public async Task VerifyAsync_EntryForgedAndNextLinkRepointed_DetectedByRecomputedLinkHash()
    {
        // Export of acme 31-45 and globex as links: forge entry 15 (acme) and re-point link 16 at its new hash.
        var lines = await ExportAsync(new AuditQuery { TenantId = "acme", FromSequence = 11, ToSequence = 15 });
        var index = Array.FindIndex(lines, l => l.Contains("\"entry\"", StringComparison.Ordinal) && l.Contains("\"sequence\":15,", StringComparison.Ordinal));
        var forged = Parse(lines[index]);
        forged["resource"] = "invoices/forged";
        var entry = new AuditEntry
        {
            ChainId = "billing",
            Sequence = 15,
            Timestamp = _host.Time.GetUtcNow(),
            TenantId = "acme",
            EventType = forged["eventType"]!.GetValue<string>(),
            Actor = forged["actor"]!.GetValue<string>(),
            SubjectPseudonym = forged["subjectPseudonym"]!.GetValue<string>(),
            Resource = "invoices/forged",
            Outcome = (AuditOutcome)forged["outcome"]!.GetValue<int>(),
            Reason = forged["reason"]?.GetValue<string>(),
            Data = forged["data"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()),
            PreviousHash = forged["previousHash"]!.GetValue<string>(),
            Hash = "",
        };
        var hash = new byte[32];
        var canonical = new TekUp.Security.Auditing.Internal.AuditCanonicalForm();
        canonical.TryHashEntry(entry with { Timestamp = DateTimeOffset.Parse(forged["timestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) }, hash);
        forged["hash"] = Convert.ToHexStringLower(hash);
        lines[index] = forged.ToJsonString();
        var link = Parse(lines[index + 1]);
        Assert.Equal("link", link["type"]!.GetValue<string>());
        link["previousHash"] = Convert.ToHexStringLower(hash);
        lines[index + 1] = link.ToJsonString();

        var result = await VerifyAsync(lines);

        Assert.Equal(AuditVerificationFailure.HashMismatch, result.Failure);
        Assert.Equal(16, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task VerifyAsync_LinkContentHashChanged_DetectsHashMismatch()
    {
        var lines = await ExportAsync(new AuditQuery { TenantId = "globex" });
        var index = Array.FindIndex(lines, l => l.Contains("\"link\"", StringComparison.Ordinal) && l.Contains("\"sequence\":12,", StringComparison.Ordinal));
        var link = Parse(lines[index]);
        link["contentHash"] = new string('c', 64);
        lines[index] = link.ToJsonString();

        var result = await VerifyAsync(lines);

        Assert.Equal(AuditVerificationFailure.HashMismatch, result.Failure);
        Assert.Equal(12, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task VerifyAsync_FooterCountsChanged_DetectsBadSignature()
    {
        var lines = await ExportAsync(AuditQuery.All);
        var footer = Parse(lines[^1]);
        footer["entries"] = 44;
        lines[^1] = footer.ToJsonString();

        var result = await VerifyAsync(lines);

        Assert.Equal(AuditVerificationFailure.BadSignature, result.Failure);
    }

    [Fact]
    public async Task VerifyAsync_HeaderChanged_DetectsDigestMismatch()
    {
        var lines = await ExportAsync(new AuditQuery { TenantId = "globex" });
        var header = Parse(lines[0]);
        header["query"]!["tenantId"] = "acme";
        lines[0] = header.ToJsonString();

        var result = await VerifyAsync(lines);

        Assert.Equal(AuditVerificationFailure.MalformedExport, result.Failure);
    }

    [Fact]
    public async Task VerifyAsync_WrongKeys_DetectsBadSignature()
    {
        var lines = await ExportAsync(AuditQuery.All);
        using var other = AuditTestHost.OfflineKeys(Convert.ToBase64String(new byte[32]));

        var result = await VerifyAsync(lines, other);

        Assert.Equal(AuditVerificationFailure.BadSignature, result.Failure);
        Assert.Equal(1, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task VerifyAsync_KeyIdUnknown_DetectsUnknownKey()
    {
        var lines = await ExportAsync(AuditQuery.All);
        using var other = AuditTestHost.OfflineKeys(keyId: "another");

        var result = await VerifyAsync(lines, other);

        Assert.Equal(AuditVerificationFailure.UnknownKey, result.Failure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json\n")]
    [InlineData("{\"type\":\"header\",\"format\":\"other\",\"version\":1,\"chainId\":\"billing\",\"algorithm\":\"SHA-256\"}\n")]
    [InlineData("{\"type\":\"entry\"}\n")]
    public async Task VerifyAsync_NotAnExport_IsMalformed(string content)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));

        var result = await AuditExportVerifier.VerifyAsync(stream, AuditTestHost.OfflineKeys());

        Assert.Equal(AuditVerificationFailure.MalformedExport, result.Failure);
    }

    [Fact]
    public async Task VerifyAsync_UnknownLineType_IsMalformed()
    {
        var lines = (await ExportAsync(AuditQuery.All)).ToList();
        lines.Insert(3, "{\"type\":\"comment\"}");

        var result = await VerifyAsync(lines);

        Assert.Equal(AuditVerificationFailure.MalformedExport, result.Failure);
    }

    [Fact]
    public async Task VerifyAsync_LinesAfterFooter_IsMalformed()
    {
        var lines = (await ExportAsync(AuditQuery.All)).ToList();
        lines.Add(lines[2]);

        var result = await VerifyAsync(lines);

        Assert.Equal(AuditVerificationFailure.MalformedExport, result.Failure);
    }

    [Fact]
    public async Task ExportAsync_InvalidArguments_Throw()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => _host.Trail.ExportAsync(null!, AuditQuery.All));
        await Assert.ThrowsAsync<ArgumentException>(() => _host.Trail.ExportAsync(new MemoryStream(), new AuditQuery { Limit = 0 }));
        await Assert.ThrowsAsync<ArgumentException>(() => _host.Trail.ExportAsync(new MemoryStream([], writable: false), AuditQuery.All));
    }
}
