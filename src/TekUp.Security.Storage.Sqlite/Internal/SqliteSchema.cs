namespace TekUp.Security.Storage.Sqlite.Internal;

/// <summary>Every migration of every module, in the order they are applied. Append only.</summary>
internal static class SqliteSchema
{
    public static IReadOnlyList<SqliteMigration> Migrations { get; } =
    [
        new("0001_core_tenants", """
            CREATE TABLE tekup_tenants (
                id TEXT NOT NULL PRIMARY KEY,
                name TEXT NOT NULL,
                status INTEGER NOT NULL,
                ip_allow_list TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                version INTEGER NOT NULL
            );
            """),
    ];
}
