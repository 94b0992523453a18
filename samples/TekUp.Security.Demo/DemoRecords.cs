using Microsoft.Data.Sqlite;
using TekUp.Security.DataClasses;

namespace TekUp.Security.Demo;

/// <summary>
/// The host application's own table of encrypted records. TekUp.Security never sees this table: the host stores
/// the ciphertext wherever it likes, here next to the SDK's tables in the same SQLite file.
/// </summary>
internal sealed class DemoRecords(string connectionString)
{
    public async Task EnsureCreatedAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS demo_records (
                id TEXT NOT NULL PRIMARY KEY,
                tenant_id TEXT NOT NULL,
                data_class INTEGER NOT NULL,
                ciphertext TEXT NOT NULL
            );
            """;
        await command.ExecuteNonQueryAsync();
    }

    public async Task SaveAsync(DemoRecord record)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO demo_records (id, tenant_id, data_class, ciphertext) VALUES ($id, $tenant, $class, $ciphertext);";
        command.Parameters.AddWithValue("$id", record.Id);
        command.Parameters.AddWithValue("$tenant", record.TenantId);
        command.Parameters.AddWithValue("$class", (int)record.DataClass);
        command.Parameters.AddWithValue("$ciphertext", record.Ciphertext);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<List<DemoRecord>> ListAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, tenant_id, data_class, ciphertext FROM demo_records ORDER BY tenant_id, data_class, id;";
        await using var reader = await command.ExecuteReaderAsync();
        var records = new List<DemoRecord>();
        while (await reader.ReadAsync())
        {
            records.Add(new DemoRecord(reader.GetString(0), reader.GetString(1), (DataClass)reader.GetInt32(2), reader.GetString(3)));
        }

        return records;
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}

/// <summary>One encrypted record of the host application: the id doubles as the caller context bound into the ciphertext.</summary>
internal sealed record DemoRecord(string Id, string TenantId, DataClass DataClass, string Ciphertext);
