using TekUp.Security.Storage.Specification.Auditing;
using TekUp.Security.Storage.Specification.KeyManagement;
using TekUp.Security.Storage.Specification.Tenants;

namespace TekUp.Security.Storage.Sqlite.Tests;

public sealed class SqliteTenantStoreTests : TenantStoreSpecification
{
    private readonly SqliteTestDatabase _database = new();

    protected override void ConfigureStorage(ITekUpSecurityBuilder builder) => builder.UseSqlite(_database.ConnectionString);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
    }
}

public sealed class SqliteAuditStoreTests : AuditStoreSpecification
{
    private readonly SqliteTestDatabase _database = new();

    protected override void ConfigureStorage(ITekUpSecurityBuilder builder) => builder.UseSqlite(_database.ConnectionString);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
    }
}

public sealed class SqliteApiKeyStoreTests : TekUp.Security.Storage.Specification.Auth.ApiKeyStoreSpecification
{
    private readonly SqliteTestDatabase _database = new();

    protected override void ConfigureStorage(ITekUpSecurityBuilder builder) => builder.UseSqlite(_database.ConnectionString);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
    }
}

public sealed class SqliteSessionRevocationStoreTests : TekUp.Security.Storage.Specification.Auth.SessionRevocationStoreSpecification
{
    private readonly SqliteTestDatabase _database = new();

    protected override void ConfigureStorage(ITekUpSecurityBuilder builder) => builder.UseSqlite(_database.ConnectionString);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
    }
}

public sealed class SqliteIpBlockStoreTests : TekUp.Security.Storage.Specification.Auth.IpBlockStoreSpecification
{
    private readonly SqliteTestDatabase _database = new();

    protected override void ConfigureStorage(ITekUpSecurityBuilder builder) => builder.UseSqlite(_database.ConnectionString);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
    }
}

public sealed class SqliteDataKeyStoreTests : DataKeyStoreSpecification
{
    private readonly SqliteTestDatabase _database = new();

    protected override void ConfigureStorage(ITekUpSecurityBuilder builder) => builder.UseSqlite(_database.ConnectionString);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
    }
}

public sealed class SqliteGdprStoreTests : TekUp.Security.Storage.Specification.Gdpr.GdprStoreSpecification
{
    private readonly SqliteTestDatabase _database = new();

    protected override void ConfigureStorage(ITekUpSecurityBuilder builder) => builder.UseSqlite(_database.ConnectionString);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
    }
}
