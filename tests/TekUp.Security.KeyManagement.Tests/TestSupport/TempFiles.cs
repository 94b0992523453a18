namespace TekUp.Security.KeyManagement.Tests.TestSupport;

/// <summary>A temp folder for SQLite files and key files, removed on dispose.</summary>
internal sealed class TempFiles : IDisposable
{
    public TempFiles()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tekup-keys-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string Path(string name) => System.IO.Path.Combine(Directory, name);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
