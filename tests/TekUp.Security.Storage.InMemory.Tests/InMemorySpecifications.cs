using TekUp.Security.Storage.Specification.Auditing;
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
