using TekUp.Security.Storage.Specification.Tenants;

namespace TekUp.Security.Storage.InMemory.Tests;

public sealed class InMemoryTenantStoreTests : TenantStoreSpecification
{
    protected override void ConfigureStorage(ITekUpSecurityBuilder builder) => builder.UseInMemoryStores();
}
