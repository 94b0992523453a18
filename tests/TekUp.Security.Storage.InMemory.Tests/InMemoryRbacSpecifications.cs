using TekUp.Security.Storage.Specification.Rbac;

namespace TekUp.Security.Storage.InMemory.Tests;

public sealed class InMemoryRoleStoreTests : RoleStoreSpecification
{
    protected override void ConfigureStorage(ITekUpSecurityBuilder builder) => builder.UseInMemoryStores();
}

public sealed class InMemoryRoleAssignmentStoreTests : RoleAssignmentStoreSpecification
{
    protected override void ConfigureStorage(ITekUpSecurityBuilder builder) => builder.UseInMemoryStores();
}

/// <summary>In-memory storage cannot be shared by two containers: the "other instance" is the same one.</summary>
public sealed class InMemoryRbacInstancesTests : RbacInstancesSpecification
{
    private IServiceProvider? _instance;

    protected override void ConfigureStorage(ITekUpSecurityBuilder builder) => builder.UseInMemoryStores();

    protected override IServiceProvider CreateInstance() => _instance ??= base.CreateInstance();
}
