using Microsoft.Data.Sqlite;
using TekUp.Security.Auditing;

namespace TekUp.Security.Storage.Sqlite.Tests;

/// <summary>
/// Changes rows of the SQLite file with raw SQL, as someone with write access to the database would (dropping the
/// append-only triggers first), and checks that verification names the broken entry.
/// </summary>
public sealed class SqliteAuditTrailTamperTests : IAsyncLifetime
{
    private static readonly string Key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private readonly SqliteTestDatabase _database = new();
    private ServiceProvider _provider = null!;

    private IAuditTrail Trail => _provider.GetRequiredService<IAuditTrail>();

    public async Task InitializeAsync()
    {
        _provider = CreateProvider();
        for (var i = 1; i <= 25; i++)
        {
            await Trail.AppendAsync(new AuditRecord
            {
                EventType = "invoice.read",
                TenantId = "acme",
                Actor = "user-1",
                Subject = $"person{i}@example.com",
                Resource = $"invoices/{i}",
                Outcome = AuditOutcome.Success,
                Reason = "ok",
                Data = new Dictionary<string, string> { ["index"] = $"{i}" },
            });
        }

        await Trail.FlushAsync();
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        _database.Dispose();
    }

    private ServiceProvider CreateProvider()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTekUpSecurity(o => o.ApplicationName = "billing")
            .UseSqlite(_database.ConnectionString)
            .ConfigureAuditTrail(o =>
            {
                o.SigningKey = Key;
                o.PseudonymKey = Key;
                o.CheckpointInterval = 10;
                o.BatchSize = 4;
            });
        return services.BuildServiceProvider();
    }

    private async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            DROP TRIGGER IF EXISTS tr_tekup_audit_entries_no_update;
            DROP TRIGGER IF EXISTS tr_tekup_audit_entries_no_delete;
            DROP TRIGGER IF EXISTS tr_tekup_audit_checkpoints_no_update;
            DROP TRIGGER IF EXISTS tr_tekup_audit_checkpoints_no_delete;
            """ + sql;
        return await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task VerifyAsync_Untouched_IsValid()
    {
        var result = await Trail.VerifyAsync();

        Assert.True(result.IsValid, result.Detail);
        Assert.Equal(25, result.EntriesVerified);
        Assert.Equal(3, result.CheckpointsVerified);
    }

    [Theory]
    [InlineData("timestamp = timestamp + 1")]
    [InlineData("tenant_id = 'globex'")]
    [InlineData("tenant_id = NULL")]
    [InlineData("event_type = 'invoice.write'")]
    [InlineData("actor = 'user-2'")]
    [InlineData("actor = NULL")]
    [InlineData("subject = 'someone-else'")]
    [InlineData("resource = 'invoices/999'")]
    [InlineData("outcome = 3")]
    [InlineData("outcome = 99")]
    [InlineData("reason = 'forged'")]
    [InlineData("reason = ''")]
    [InlineData("data = '{\"index\":\"999\"}'")]
    [InlineData("data = '{\"index\": \"12\"}'")]
    [InlineData("data = NULL")]
    [InlineData("data = 'not json'")]
    [InlineData("previous_hash = '0000000000000000000000000000000000000000000000000000000000000000'")]
    [InlineData("hash = upper(hash)")]
    [InlineData("hash = '1111111111111111111111111111111111111111111111111111111111111111'")]
    [InlineData("sequence = 1000")]
    [InlineData("chain_id = 'other'")]
    public async Task VerifyAsync_AnyColumnChangedBySql_NamesTheEntry(string assignment)
    {
        Assert.Equal(1, await ExecuteAsync($"UPDATE tekup_audit_entries SET {assignment} WHERE sequence = 12;"));

        var result = await Trail.VerifyAsync();

        Assert.False(result.IsValid);
        Assert.Equal(12, result.FirstBrokenSequence);
    }

    [Theory]
    [InlineData(1, 25)]
    [InlineData(5, 21)]
    [InlineData(8, 18)]
    public async Task VerifyAsync_LastRowsDeletedBySql_DetectsMissingTail(int count, long firstMissing)
    {
        // Checkpoints at 10 and 20: deleting 8 rows crosses the one at 20.
        Assert.Equal(count, await ExecuteAsync($"DELETE FROM tekup_audit_entries WHERE sequence > {25 - count};"));

        var result = await Trail.VerifyAsync();

        Assert.Equal(AuditVerificationFailure.MissingTail, result.Failure);
        Assert.Equal(firstMissing, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task VerifyAsync_TailCheckpointsAndHeadDeletedBySql_Detected()
    {
        await ExecuteAsync("DELETE FROM tekup_audit_entries WHERE sequence > 15; DELETE FROM tekup_audit_checkpoints WHERE sequence > 15; DELETE FROM tekup_audit_heads;");

        var result = await Trail.VerifyAsync();

        Assert.Equal(AuditVerificationFailure.MissingHead, result.Failure);
        Assert.Equal(11, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task VerifyAsync_RowDeletedInTheMiddle_DetectsGap()
    {
        await ExecuteAsync("DELETE FROM tekup_audit_entries WHERE sequence = 7;");

        var result = await Trail.VerifyAsync();

        Assert.Equal(AuditVerificationFailure.SequenceGap, result.Failure);
        Assert.Equal(7, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task VerifyAsync_TwoRowsSwappedBySql_Detected()
    {
        await ExecuteAsync("""
            UPDATE tekup_audit_entries SET sequence = -7 WHERE sequence = 7;
            UPDATE tekup_audit_entries SET sequence = 7 WHERE sequence = 8;
            UPDATE tekup_audit_entries SET sequence = 8 WHERE sequence = -7;
            """);

        var result = await Trail.VerifyAsync();

        Assert.False(result.IsValid);
        Assert.Equal(7, result.FirstBrokenSequence);
    }

    [Theory]
    [InlineData("hash = '2222222222222222222222222222222222222222222222222222222222222222'", AuditVerificationFailure.BadSignature)]
    [InlineData("timestamp = timestamp + 1", AuditVerificationFailure.BadSignature)]
    [InlineData("previous_checkpoint = 0", AuditVerificationFailure.BadSignature)]
    [InlineData("signature = upper(signature)", AuditVerificationFailure.BadSignature)]
    [InlineData("key_id = 'other'", AuditVerificationFailure.UnknownKey)]
    [InlineData("algorithm = 'SHA-1'", AuditVerificationFailure.UnsupportedAlgorithm)]
    public async Task VerifyAsync_CheckpointColumnChangedBySql_Detected(string assignment, AuditVerificationFailure failure)
    {
        await ExecuteAsync($"UPDATE tekup_audit_checkpoints SET {assignment} WHERE sequence = 20;");

        var result = await Trail.VerifyAsync();

        Assert.Equal(failure, result.Failure);
    }

    [Fact]
    public async Task VerifyAsync_HeadChangedBySql_Detected()
    {
        await ExecuteAsync("UPDATE tekup_audit_heads SET sequence = 24;");

        var result = await Trail.VerifyAsync();

        Assert.False(result.IsValid);
    }

    [Fact]
    public void DatabaseFile_NeverHoldsSubjectsInClear()
    {
        SqliteConnection.ClearAllPools();
        var bytes = new List<byte>();
        foreach (var suffix in new[] { "", "-wal" })
        {
            if (File.Exists(_database.Path + suffix))
            {
                bytes.AddRange(File.ReadAllBytes(_database.Path + suffix));
            }
        }

        var text = System.Text.Encoding.UTF8.GetString([.. bytes]);
        Assert.Contains("invoices/12", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@example.com", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateAndDelete_WithTriggersInPlace_AreRefusedBySqlite()
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM tekup_audit_entries WHERE sequence = 25;";

        var error = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FlushAsync_AfterTailDeletedBySql_RefusesToExtendTheChain()
    {
        await ExecuteAsync("DELETE FROM tekup_audit_entries WHERE sequence > 22;");
        await using var restarted = CreateProvider();
        var trail = restarted.GetRequiredService<IAuditTrail>();

        await trail.AppendAsync(new AuditRecord { EventType = "invoice.read" });

        await Assert.ThrowsAsync<AuditCorruptionException>(() => trail.FlushAsync());
    }

    [Fact]
    public async Task AppendAsync_TwoProvidersOnOneFile_KeepOneValidChain()
    {
        await using var second = CreateProvider();
        var other = second.GetRequiredService<IAuditTrail>();

        await Task.WhenAll(
            Task.Run(() => AppendManyAsync(Trail, "first")),
            Task.Run(() => AppendManyAsync(other, "second")));

        var result = await other.VerifyAsync();
        Assert.True(result.IsValid, result.Detail);
        Assert.Equal(25 + 400, result.LastSequence);
    }

    [Fact]
    public async Task ExportAsync_FromSqlite_VerifiesOffline()
    {
        using var export = new MemoryStream();
        await Trail.ExportAsync(export, new AuditQuery { FromSequence = 12, ToSequence = 14 });
        export.Position = 0;
        using var keys = new OptionsAuditKeyProvider(Microsoft.Extensions.Options.Options.Create(new AuditTrailOptions { SigningKey = Key, PseudonymKey = Key }));

        var result = await AuditExportVerifier.VerifyAsync(export, keys);

        Assert.True(result.IsValid, result.Detail);
        Assert.Equal(3, result.EntriesVerified);
        Assert.Equal(20, result.LastSequence);
    }

    private static async Task AppendManyAsync(IAuditTrail trail, string actor)
    {
        for (var i = 0; i < 200; i++)
        {
            await trail.AppendAsync(new AuditRecord { EventType = "invoice.read", Actor = actor, TenantId = "acme" });
            if (i % 50 == 0)
            {
                await trail.FlushAsync();
            }
        }

        await trail.FlushAsync();
    }
}
