using Microsoft.Data.Sqlite;

namespace TekUp.Security.Demo;

/// <summary>
/// A second run finds the first run's database. It reports what persisted (tenants, keys, the audit trail that the
/// first run tampered with on purpose) and then starts the story clean, saying so.
/// </summary>
internal static class EarlierRun
{
    public static async Task InspectAndResetAsync(Narrator narrator, string databaseFile)
    {
        if (!File.Exists(databaseFile))
        {
            narrator.Say("No database from an earlier run: starting fresh.");
            return;
        }

        narrator.Say($"Found {databaseFile} from an earlier run. It holds:");
        await using (var connection = new SqliteConnection($"Data Source={databaseFile};Mode=ReadOnly;Pooling=False"))
        {
            await connection.OpenAsync();
            narrator.Detail("tenants", await CountAsync(connection, "tekup_tenants"));
            narrator.Detail("data keys", await CountAsync(connection, "tekup_data_keys"));
            narrator.Detail("audit entries", await CountAsync(connection, "tekup_audit_entries"));
            narrator.Detail("encrypted records", await CountAsync(connection, "demo_records"));
        }

        narrator.Say("The earlier run ended by tampering with its audit trail on purpose, so the story starts clean:");
        narrator.Say($"{databaseFile} is deleted (the master key file is kept).");
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(databaseFile + suffix);
        }
    }

    private static async Task<string> CountAsync(SqliteConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table};";
        try
        {
            return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? "0";
        }
        catch (SqliteException)
        {
            return "(no table)";
        }
    }
}
