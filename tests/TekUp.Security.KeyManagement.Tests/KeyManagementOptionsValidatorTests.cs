using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TekUp.Security.KeyManagement.Internal;
using TekUp.Security.KeyManagement.Tests.TestSupport;

namespace TekUp.Security.KeyManagement.Tests;

public sealed class KeyManagementOptionsValidatorTests : IDisposable
{
    private readonly TempFiles _files = new();

    [Fact]
    public void Validate_Defaults_FailWithoutAMasterKey()
    {
        var result = Validate(_ => { });

        Assert.True(result.Failed);
        Assert.Contains("No master key is configured", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DefaultsWithAMasterKey_Succeed()
    {
        Assert.True(Validate(o => o.MasterKey = TestHost.NewMasterKey()).Succeeded);
    }

    [Fact]
    public void Validate_ManyProblems_ListsEveryOne()
    {
        var result = Validate(o =>
        {
            o.MasterKey = "not base64!";
            o.PreviousMasterKeys.Add(Convert.ToBase64String(new byte[16]));
            o.FinancialRotationPeriod = TimeSpan.Zero;
            o.MaxKeyUses = 1L << 32;
            o.UseCountFlushThreshold = 0;
            o.CacheSize = 0;
            o.CacheLifetime = TimeSpan.FromDays(2);
            o.KeyHandOutGracePeriod = TimeSpan.Zero;
            o.BackgroundRotationInterval = TimeSpan.FromSeconds(1);
        });

        Assert.True(result.Failed);
        foreach (var expected in new[]
        {
            "KeyManagement:MasterKey is not a base64 string of exactly 32 bytes",
            "PreviousMasterKeys[0] is not a base64 string",
            "FinancialRotationPeriod",
            "MaxKeyUses",
            "UseCountFlushThreshold",
            "CacheSize",
            "CacheLifetime",
            "KeyHandOutGracePeriod",
            "BackgroundRotationInterval",
        })
        {
            Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("not base64!", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_GeneratedKeyFileWithRequireProductionKeys_IsRefused()
    {
        var result = Validate(o => { o.MasterKeyFile = _files.Path("dev.key"); o.GenerateMasterKeyFileIfMissing = true; }, requireProductionKeys: true);

        Assert.True(result.Failed);
        Assert.Contains("RequireProductionKeys", result.FailureMessage, StringComparison.Ordinal);
        Assert.False(File.Exists(_files.Path("dev.key")));
    }

    [Fact]
    public void Validate_GeneratedKeyFileForDevelopment_IsAcceptedWithoutCreatingIt()
    {
        var result = Validate(o => { o.MasterKeyFile = _files.Path("dev.key"); o.GenerateMasterKeyFileIfMissing = true; });

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.False(File.Exists(_files.Path("dev.key")));
    }

    [Fact]
    public void Validate_MissingOrBadKeyFile_IsReported()
    {
        var bad = _files.Path("bad.key");
        File.WriteAllText(bad, "# comment\nshort\n");

        Assert.Contains("does not exist", Validate(o => o.MasterKeyFile = _files.Path("missing.key")).FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Line 2 of the master key file", Validate(o => o.MasterKeyFile = bad).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ExternalKeyEncryptionKeyProvider_NeedsNoMasterKey()
    {
        Assert.True(Validate(o => o.UsesExternalKeyEncryptionKeyProvider = true).Succeeded);
    }

    [Fact]
    public async Task AddKeyManagement_InvalidOptions_FailWhenTheServicesAreUsed()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TekUp.Security.Auditing.IAuditTrail>(new RecordingAuditTrail());
        services.AddTekUpSecurity().UseInMemoryStores().AddKeyManagement(o => o.MasterKeyEnvironmentVariable = "TEKUP_TEST_UNSET_" + Guid.NewGuid().ToString("N"));
        await using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IEncryptionService>());
        Assert.Contains("No master key is configured", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();

    private static ValidateOptionsResult Validate(Action<KeyManagementOptions> configure, bool requireProductionKeys = false)
    {
        var options = new KeyManagementOptions { MasterKeyEnvironmentVariable = "TEKUP_TEST_UNSET_" + Guid.NewGuid().ToString("N") };
        configure(options);
        var validator = new KeyManagementOptionsValidator(Options.Create(new TekUpSecurityOptions { RequireProductionKeys = requireProductionKeys }), new FakeTimeProvider());
        return validator.Validate(null, options);
    }
}
