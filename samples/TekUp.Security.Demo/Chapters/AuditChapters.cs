using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using TekUp.Security.Auditing;

namespace TekUp.Security.Demo.Chapters;

/// <summary>The audit trail verified, then one row changed behind the library's back and the break named.</summary>
internal static class AuditChapters
{
    public static async Task VerifyAsync(DemoContext demo)
    {
        var n = demo.Narrator;
        n.Chapter("The audit trail verified");
        var audit = demo.Services.GetRequiredService<IAuditTrail>();
        await audit.FlushAsync();
        var entries = new List<AuditEntry>();
        await foreach (var entry in audit.QueryAsync(new AuditQuery()))
        {
            entries.Add(entry);
        }

        foreach (var group in entries.GroupBy(e => e.EventType).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            n.Detail(group.Key, $"{group.Count()} entr{(group.Count() == 1 ? "y" : "ies")}");
        }

        var result = await audit.VerifyAsync();
        Report(n, result);
    }

    public static async Task TamperAsync(DemoContext demo)
    {
        var n = demo.Narrator;
        n.Chapter("One audit row changed behind the library's back");
        var audit = demo.Services.GetRequiredService<IAuditTrail>();
        await audit.FlushAsync();

        // An attacker with write access to the file hides a key destruction: drop the append-only trigger, then
        // rewrite the entry as a harmless rotation.
        await using var connection = new SqliteConnection($"Data Source={demo.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            DROP TRIGGER IF EXISTS tr_tekup_audit_entries_no_update;
            UPDATE tekup_audit_entries SET event_type = 'key.rotated'
            WHERE sequence = (SELECT MIN(sequence) FROM tekup_audit_entries WHERE event_type = 'key.destroyed')
            RETURNING sequence, event_type;
            """;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            if (await reader.ReadAsync())
            {
                n.Say($"with plain SQL, outside the SDK: entry #{reader.GetInt64(0)} rewritten from key.destroyed to {reader.GetString(1)}");
            }
        }

        Report(n, await audit.VerifyAsync());
    }

    public static void Report(Narrator n, AuditVerificationResult result)
    {
        if (result.IsValid)
        {
            n.Ok($"chain intact: {result.EntriesVerified} entries and {result.CheckpointsVerified} signed checkpoints verified, last #{result.LastSequence}");
        }
        else
        {
            n.Refused($"verification failed at entry #{result.FirstBrokenSequence}: {result.Failure} - {result.Detail}");
        }
    }
}
