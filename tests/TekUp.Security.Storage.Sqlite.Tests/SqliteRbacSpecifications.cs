using TekUp.Security.Storage.Specification.Rbac;

namespace TekUp.Security.Storage.Sqlite.Tests;

public sealed class SqliteRoleStoreTests : RoleStoreSpecification
{
    private readonly SqliteTestDatabase _database = new();

    protected override void ConfigureStorage(ITekUpSecurityBuilder builder) => builder.UseSqlite(_database.ConnectionString);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
    }
}

public sealed class SqliteRoleAssignmentStoreTests : RoleAssignmentStoreSpecification
{
    private readonly SqliteTestDatabase _database = new();

    protected override void ConfigureStorage(ITekUpSecurityBuilder builder) => builder.UseSqlite(_database.ConnectionString);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
    }
}

public sealed class SqliteRbacInstancesTests : RbacInstancesSpecification
{
    private readonly SqliteTestDatabase _database = new();

    protected override void ConfigureStorage(ITekUpSecurityBuilder builder) => builder.UseSqlite(_database.ConnectionString);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
    }
}
