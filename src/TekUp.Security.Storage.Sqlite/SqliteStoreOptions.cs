namespace TekUp.Security.Storage.Sqlite;

/// <summary>Options of the SQLite storage provider.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The connection string. Default <c>Data Source=tekup-security.db</c> (a file in the working directory).</summary>
    public string ConnectionString { get; set; } = "Data Source=tekup-security.db";

    /// <summary>How long a writer waits for another writer's lock before failing. Default 10 seconds.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
