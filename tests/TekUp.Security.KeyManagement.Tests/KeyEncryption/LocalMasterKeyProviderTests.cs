using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TekUp.Security.DataClasses;
using TekUp.Security.KeyManagement.Tests.TestSupport;

namespace TekUp.Security.KeyManagement.Tests.KeyEncryption;

public sealed class LocalMasterKeyProviderTests : IDisposable
{
    private static readonly KeyWrapContext Context = new("tenant-a", DataClass.Personal, Guid.NewGuid());
    private readonly TempFiles _files = new();

    [Fact]
    public async Task WrapKeyAsync_ThenUnwrapKeyAsync_ReturnsTheMaterial()
    {
        using var provider = Create(o => o.MasterKey = TestHost.NewMasterKey());
        var material = RandomNumberGenerator.GetBytes(32);

        var wrapped = await provider.WrapKeyAsync(material, Context);
        var unwrapped = await provider.UnwrapKeyAsync(wrapped, Context);

        Assert.Equal(material, unwrapped);
        Assert.Equal(provider.CurrentKeyId, wrapped.KeyEncryptionKeyId);
        Assert.Equal(1 + 12 + 32 + 16, wrapped.Ciphertext.Length);
        Assert.Equal(-1, wrapped.Ciphertext.AsSpan().IndexOf(material));
    }

    [Fact]
    public async Task UnwrapKeyAsync_OtherTenantClassOrKeyId_ThrowsCryptographicException()
    {
        using var provider = Create(o => o.MasterKey = TestHost.NewMasterKey());
        var wrapped = await provider.WrapKeyAsync(RandomNumberGenerator.GetBytes(32), Context);

        await Assert.ThrowsAsync<CryptographicException>(async () => await provider.UnwrapKeyAsync(wrapped, Context with { TenantId = "tenant-b" }));
        await Assert.ThrowsAsync<CryptographicException>(async () => await provider.UnwrapKeyAsync(wrapped, Context with { DataClass = DataClass.Health }));
        await Assert.ThrowsAsync<CryptographicException>(async () => await provider.UnwrapKeyAsync(wrapped, Context with { KeyId = Guid.NewGuid() }));
    }

    [Fact]
    public async Task UnwrapKeyAsync_AnyByteFlippedOrTruncated_ThrowsCryptographicException()
    {
        using var provider = Create(o => o.MasterKey = TestHost.NewMasterKey());
        var wrapped = await provider.WrapKeyAsync(RandomNumberGenerator.GetBytes(32), Context);

        for (var i = 0; i < wrapped.Ciphertext.Length; i++)
        {
            var tampered = (byte[])wrapped.Ciphertext.Clone();
            tampered[i] ^= 0x80;
            await Assert.ThrowsAsync<CryptographicException>(async () => await provider.UnwrapKeyAsync(wrapped with { Ciphertext = tampered }, Context));
        }

        await Assert.ThrowsAsync<CryptographicException>(async () => await provider.UnwrapKeyAsync(wrapped with { Ciphertext = wrapped.Ciphertext[..29] }, Context));
        await Assert.ThrowsAsync<CryptographicException>(async () => await provider.UnwrapKeyAsync(wrapped with { Ciphertext = [] }, Context));
    }

    [Fact]
    public async Task UnwrapKeyAsync_UnknownKeyEncryptionKey_ThrowsCryptographicException()
    {
        using var provider = Create(o => o.MasterKey = TestHost.NewMasterKey());
        var wrapped = await provider.WrapKeyAsync(RandomNumberGenerator.GetBytes(32), Context);

        var ex = await Assert.ThrowsAsync<CryptographicException>(async () => await provider.UnwrapKeyAsync(wrapped with { KeyEncryptionKeyId = "local-0000000000000000" }, Context));
        Assert.Contains("PreviousMasterKeys", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CurrentKeyId_NewMasterKeyWithPreviousOne_UnwrapsOldWrapsNew()
    {
        var oldMaster = TestHost.NewMasterKey();
        using var oldProvider = Create(o => o.MasterKey = oldMaster);
        var wrapped = await oldProvider.WrapKeyAsync(RandomNumberGenerator.GetBytes(32), Context);
        using var rotated = Create(o =>
        {
            o.MasterKey = TestHost.NewMasterKey();
            o.PreviousMasterKeys.Add(oldMaster);
        });

        Assert.NotEqual(oldProvider.CurrentKeyId, rotated.CurrentKeyId);
        Assert.Equal(32, (await rotated.UnwrapKeyAsync(wrapped, Context)).Length);
        Assert.Equal(rotated.CurrentKeyId, (await rotated.WrapKeyAsync(new byte[32], Context)).KeyEncryptionKeyId);
    }

    [Fact]
    public void CurrentKeyId_SameMasterKeyAnywhere_IsTheSameId()
    {
        var master = TestHost.NewMasterKey();
        using var first = Create(o => o.MasterKey = master);
        using var second = Create(o => o.MasterKey = master);

        Assert.Equal(first.CurrentKeyId, second.CurrentKeyId);
        Assert.Matches("^local-[0-9a-f]{16}$", first.CurrentKeyId);
    }

    [Fact]
    public void Sources_OptionThenEnvironmentThenFile_TakePrecedenceInThatOrder()
    {
        var fromOption = TestHost.NewMasterKey();
        var fromEnvironment = TestHost.NewMasterKey();
        var fromFile = TestHost.NewMasterKey();
        var variable = "TEKUP_TEST_" + Guid.NewGuid().ToString("N");
        var file = _files.Path("master.key");
        File.WriteAllText(file, fromFile + "\n");
        Environment.SetEnvironmentVariable(variable, fromEnvironment);
        try
        {
            using var all = Create(o => { o.MasterKey = fromOption; o.MasterKeyEnvironmentVariable = variable; o.MasterKeyFile = file; });
            using var noOption = Create(o => { o.MasterKeyEnvironmentVariable = variable; o.MasterKeyFile = file; });
            using var fileOnly = Create(o => { o.MasterKeyEnvironmentVariable = variable + "_UNSET"; o.MasterKeyFile = file; });

            Assert.Equal(IdOf(fromOption), all.CurrentKeyId);
            Assert.Equal(IdOf(fromEnvironment), noOption.CurrentKeyId);
            Assert.Equal(IdOf(fromFile), fileOnly.CurrentKeyId);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task GenerateMasterKeyFileIfMissing_CreatesAnOwnerOnlyFileAndWarns()
    {
        var file = _files.Path("sub/dev-master.key");
        var logger = new ListLogger();
        using var provider = Create(o => { o.MasterKeyFile = file; o.GenerateMasterKeyFileIfMissing = true; }, logger);

        var id = provider.CurrentKeyId;
        var wrapped = await provider.WrapKeyAsync(new byte[32], Context);

        Assert.True(File.Exists(file));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        Assert.Contains(logger.Messages, m => m.Level == LogLevel.Warning && m.Text.Contains("UNPROTECTED", StringComparison.Ordinal));
        using var reopened = Create(o => { o.MasterKeyFile = file; o.GenerateMasterKeyFileIfMissing = true; });
        Assert.Equal(id, reopened.CurrentKeyId);
        Assert.Equal(new byte[32], await reopened.UnwrapKeyAsync(wrapped, Context));
    }

    [Fact]
    public async Task WrapKeyAsync_AfterDispose_ThrowsObjectDisposed()
    {
        var provider = Create(o => o.MasterKey = TestHost.NewMasterKey());
        _ = provider.CurrentKeyId;
        provider.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await provider.WrapKeyAsync(new byte[32], Context));
    }

    public void Dispose() => _files.Dispose();

    private static string IdOf(string masterKey) => Internal.MasterKeySet.ComputeId(Convert.FromBase64String(masterKey));

    private static LocalMasterKeyProvider Create(Action<KeyManagementOptions> configure, ILogger<LocalMasterKeyProvider>? logger = null)
    {
        var options = new KeyManagementOptions { MasterKeyEnvironmentVariable = "TEKUP_TEST_UNSET_" + Guid.NewGuid().ToString("N") };
        configure(options);
        return new LocalMasterKeyProvider(Options.Create(options), new FakeTimeProvider(TestHost.Start), logger ?? NullLogger<LocalMasterKeyProvider>.Instance);
    }

    private sealed class ListLogger : ILogger<LocalMasterKeyProvider>
    {
        public List<(LogLevel Level, string Text)> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add((logLevel, formatter(state, exception)));
    }
}
