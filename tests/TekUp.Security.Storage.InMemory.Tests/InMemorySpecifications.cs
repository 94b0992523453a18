using TekUp.Security.Storage.Specification.Auditing;
using TekUp.Security.Storage.Specification.KeyManagement;
using TekUp.Security.Storage.Specification.Tenants;

namespace TekUp.Security.Storage.InMemory.Tests;

public sealed class InMemoryTenantStoreTests : TenantStoreSpecification
{
    protected override void ConfigureStorage(ITekUpSecurityBuilder builder) => builder.UseInMemoryStores();
}

public sealed class InMemoryAuditStoreTests : AuditStoreSpecification
{
    private IServiceProvider? _instance;

    protected override void ConfigureStorage(ITekUpSecurityBuilder builder) => builder.UseInMemoryStores();

    // In-memory stores live in one container: a "second instance" is the same one.
    protected override IServiceProvider CreateInstance() => _instance ??= base.CreateInstance();
}

public sealed class InMemoryApiKeyStoreTests : TekUp.Security.Storage.Specification.Auth.ApiKeyStoreSpecification
{
    protected override void ConfigureStorage(ITekUpSecurityBuilder builder) => builder.UseInMemoryStores();

    private IServiceProvider? _first;

    // In-memory stores cannot be shared between containers: the "second instance" is the first one.
    protected override IServiceProvider CreateInstance() => _first ??= base.CreateInstance();
}

public sealed class InMemorySessionRevocationStoreTests : TekUp.Security.Storage.Specification.Auth.SessionRevocationStoreSpecification
{
    protected override void ConfigureStorage(ITekUpSecurityBuilder builder) => builder.UseInMemoryStores();
}

public sealed class InMemoryIpBlockStoreTests : TekUp.Security.Storage.Specification.Auth.IpBlockStoreSpecification
{
    protected override void ConfigureStorage(ITekUpSecurityBuilder builder) => builder.UseInMemoryStores();
}

public sealed class InMemoryDataKeyStoreTests : DataKeyStoreSpecification
{
    private IServiceProvider? _instance;

    protected override void ConfigureStorage(ITekUpSecurityBuilder builder) => builder.UseInMemoryStores();

    // In-memory stores live in one container: a "second instance" is the same one.
    protected override IServiceProvider CreateInstance() => _instance ??= base.CreateInstance();
}

public sealed class InMemoryGdprStoreTests : TekUp.Security.Storage.Specification.Gdpr.GdprStoreSpecification
{
    protected override void ConfigureStorage(ITekUpSecurityBuilder builder) => builder.UseInMemoryStores();
}
