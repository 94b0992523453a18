using TekUp.Security.DataClasses;
using TekUp.Security.KeyManagement.Tests.TestSupport;

namespace TekUp.Security.KeyManagement.Tests.PlatformSecrets;

public class PlatformSecretProviderTests
{
    [Fact]
    public async Task DeriveSecretAsync_SamePurposeInAnotherInstance_ReturnsTheSameSecret()
    {
        var file = Path.Combine(Path.GetTempPath(), $"tekup-secrets-{Guid.NewGuid():N}.db");
        var masterKey = TestHost.NewMasterKey();
        try
        {
            byte[] first;
            await using (var one = TestHost.Create(sqlite: file, masterKey: masterKey))
            {
                first = await one.Services.GetRequiredService<IPlatformSecretProvider>().DeriveSecretAsync("auth/api-key-pepper");
            }

            await using var two = TestHost.Create(sqlite: file, masterKey: masterKey);
            var second = await two.Services.GetRequiredService<IPlatformSecretProvider>().DeriveSecretAsync("auth/api-key-pepper");

            Assert.Equal(32, first.Length);
            Assert.Equal(first, second);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task DeriveSecretAsync_DifferentPurposes_ReturnUnrelatedSecrets()
    {
        await using var host = TestHost.Create();
        var secrets = host.Services.GetRequiredService<IPlatformSecretProvider>();

        var a = await secrets.DeriveSecretAsync("auth/api-key-pepper");
        var b = await secrets.DeriveSecretAsync("gdpr/export-links");

        Assert.NotEqual(a, b);
    }

    [Fact]
    public async Task DeriveSecretAsync_AfterScheduledRotationAndKekRotation_StaysTheSame()
    {
        await using var host = TestHost.Create();
        var secrets = host.Services.GetRequiredService<IPlatformSecretProvider>();
        var before = await secrets.DeriveSecretAsync("auth/api-key-pepper");

        host.Time.Advance(TimeSpan.FromDays(400));
        await host.Manager.RotateDueKeysAsync();
        await host.Manager.RotateKeyEncryptionKeyAsync();

        Assert.Equal(before, await secrets.DeriveSecretAsync("auth/api-key-pepper"));
    }

    [Fact]
    public async Task PlatformSecretKey_IsNotVisibleAsATenant()
    {
        await using var host = TestHost.Create();
        await host.Services.GetRequiredService<IPlatformSecretProvider>().DeriveSecretAsync("auth/api-key-pepper");

        await Assert.ThrowsAnyAsync<ArgumentException>(() => host.Manager.RotateAsync("$platform-secrets", DataClass.General));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("æ")]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234")]
    public async Task DeriveSecretAsync_BadPurpose_ThrowsArgument(string purpose)
    {
        await using var host = TestHost.Create();

        await Assert.ThrowsAsync<ArgumentException>(() => host.Services.GetRequiredService<IPlatformSecretProvider>().DeriveSecretAsync(purpose));
    }
}
