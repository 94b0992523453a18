using Microsoft.Extensions.Options;
using TekUp.Security.Rbac.Internal;

namespace TekUp.Security.Rbac.Tests;

public sealed class RbacOptionsTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        var options = new RbacOptions();

        Assert.True(new RbacOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(AllowAuditPolicy.None, options.AllowAudit);
        Assert.Equal(TimeSpan.FromSeconds(5), options.EpochCheckInterval);
        Assert.Equal(10_000, options.MaxCachedPrincipals);
    }

    [Fact]
    public void Validate_EveryBadValue_IsListedInOneResult()
    {
        var options = new RbacOptions
        {
            AllowAudit = (AllowAuditPolicy)9,
            AllowAuditSampleRate = 0,
            EpochCheckInterval = TimeSpan.FromHours(2),
            MaxCachedPrincipals = 0,
        };

        var result = new RbacOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(4, result.Failures!.Count());
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Validate_SampleRateOutOfRange_Fails(double rate)
    {
        Assert.True(new RbacOptionsValidator().Validate(null, new RbacOptions { AllowAuditSampleRate = rate }).Failed);
    }

    [Fact]
    public void AddRbac_BadOptions_FailWhenOptionsAreRead()
    {
        var services = new ServiceCollection();
        services.AddTekUpSecurity().UseInMemoryStores().AddRbac(o => o.EpochCheckInterval = TimeSpan.FromSeconds(-1));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RbacOptions>>().Value);

        Assert.Contains(nameof(RbacOptions.EpochCheckInterval), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRbac_CalledTwice_RegistersOneCheckerAndKeepsHostOverrides()
    {
        var custom = NSubstitute.Substitute.For<IClientAddressAccessor>();
        var services = new ServiceCollection();
        services.AddSingleton(custom);
        services.AddTekUpSecurity().UseInMemoryStores().AddRbac().AddRbac();

        Assert.Single(services, d => d.ServiceType == typeof(IPermissionChecker));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<RbacOptions>));
        Assert.Same(custom, Assert.Single(services, d => d.ServiceType == typeof(IClientAddressAccessor)).ImplementationInstance);
    }
}
