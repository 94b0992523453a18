using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using TekUp.Security.Cryptography;

namespace TekUp.Security.Crypto.Tests;

public sealed class CryptoBuilderExtensionsTests
{
    [Fact]
    public void AddCrypto_RegistersDefaultPasswordHasherWithDefaultCost()
    {
        using var provider = new ServiceCollection().AddTekUpSecurity().AddCrypto().Services.BuildServiceProvider();

        Assert.IsType<DefaultPasswordHasher>(provider.GetRequiredService<IPasswordHasher>());
        Assert.Equal(12, provider.GetRequiredService<IOptions<CryptoOptions>>().Value.BcryptCost);
    }

    [Fact]
    public void AddCrypto_Configure_AppliesOptions()
    {
        using var provider = new ServiceCollection().AddTekUpSecurity().AddCrypto(o => o.BcryptCost = 10).Services.BuildServiceProvider();

        var hasher = provider.GetRequiredService<IPasswordHasher>();
        Assert.StartsWith("$tekup-bcrypt$v=1$pre=sha384$c=10$", hasher.Hash("password-1"), StringComparison.Ordinal);
    }

    [Fact]
    public void AddCrypto_CostBelowMinimum_FailsValidation()
    {
        using var provider = new ServiceCollection().AddTekUpSecurity().AddCrypto(o => o.BcryptCost = 8).Services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CryptoOptions>>().Value);
        Assert.Contains("BcryptCost must be between 10 and 31", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCrypto_BindsFromConfigurationSection()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["TekUp:Security:Crypto:BcryptCost"] = "13" })
            .Build();

        using var provider = new ServiceCollection().AddTekUpSecurity(configuration).AddCrypto().Services.BuildServiceProvider();

        Assert.Equal(13, provider.GetRequiredService<IOptions<CryptoOptions>>().Value.BcryptCost);
    }

    [Fact]
    public void AddCrypto_HostRegisteredHasher_IsKept()
    {
        var custom = NSubstitute.Substitute.For<IPasswordHasher>();
        var services = new ServiceCollection();
        services.AddSingleton(custom);

        using var provider = services.AddTekUpSecurity().AddCrypto().AddCrypto().Services.BuildServiceProvider();

        Assert.Same(custom, provider.GetRequiredService<IPasswordHasher>());
        Assert.Single(provider.GetServices<IValidateOptions<CryptoOptions>>());
    }

    [Fact]
    public void AddCrypto_NullBuilder_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => CryptoBuilderExtensions.AddCrypto(null!));
    }
}
