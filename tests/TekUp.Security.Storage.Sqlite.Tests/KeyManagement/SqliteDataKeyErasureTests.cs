using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using TekUp.Security.DataClasses;
using TekUp.Security.KeyManagement;

namespace TekUp.Security.Storage.Sqlite.Tests.KeyManagement;

/// <summary>Crypto-shredding on SQLite: destroyed wrapped material must not survive in the database file or its WAL.</summary>
public sealed class SqliteDataKeyErasureTests : IDisposable
{
    private readonly SqliteTestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 15, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task UpdateAsync_Destroyed_LeavesNoCopyOfTheMaterialInTheFiles()
    {
        await using var services = Build();
        var store = services.GetRequiredService<IDataKeyStore>();
        var material = RandomNumberGenerator.GetBytes(61);
        var key = await store.CreateAsync(NewKey(material));
        for (var i = 0; i < 20; i++)
        {
            await store.CreateAsync(NewKey(RandomNumberGenerator.GetBytes(61), state: DataKeyState.Rotated));
        }

        Assert.True(FilesContain(material), "the material must be in the files before it is destroyed, or this test proves nothing");

        await store.UpdateAsync(key with { State = DataKeyState.Destroyed, WrappedKey = null, DestroyedAt = _time.GetUtcNow() });

        Assert.False(FilesContain(material));
    }

    public void Dispose() => _database.Dispose();

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddTekUpSecurity().UseSqlite(_database.ConnectionString);
        return services.BuildServiceProvider();
    }

    private DataKeyRecord NewKey(byte[] material, DataKeyState state = DataKeyState.Active) => new()
    {
        KeyId = Guid.NewGuid(),
        TenantId = "acme",
        DataClass = DataClass.Personal,
        State = state,
        WrappedKey = material,
        KeyEncryptionKeyId = "kek-1",
        CreatedAt = _time.GetUtcNow(),
        ActivatedAt = _time.GetUtcNow(),
    };

    /// <summary>
    /// Whether any 12-byte run of <paramref name="material"/> is in the database file or its WAL, read while the
    /// connection pool is open (closing the last connection would checkpoint and hide what a running host leaves).
    /// </summary>
    private bool FilesContain(byte[] material)
    {
        foreach (var suffix in new[] { "", "-wal" })
        {
            var path = _database.Path + suffix;
            if (!File.Exists(path))
            {
                continue;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            for (var offset = 0; offset + 12 <= material.Length; offset++)
            {
                if (bytes.AsSpan().IndexOf(material.AsSpan(offset, 12)) >= 0)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
