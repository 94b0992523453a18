using Microsoft.Extensions.DependencyInjection.Extensions;
using TekUp.Security.Storage.Sqlite;
using TekUp.Security.Storage.Sqlite.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses SQLite as the TekUp.Security storage provider.</summary>
public static class SqliteBuilderExtensions
{
    /// <summary>
    /// Stores every TekUp.Security record in a SQLite database (WAL mode). The schema is created and migrated on
    /// first use. Replaces any storage provider chosen before.
    /// </summary>
    /// <param name="builder">The TekUp.Security builder.</param>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string, for example <c>Data Source=tekup-security.db</c>.</param>
    public static ITekUpSecurityBuilder UseSqlite(this ITekUpSecurityBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseSqlite(o => o.ConnectionString = connectionString);
    }

    /// <summary>Stores every TekUp.Security record in SQLite, configured by <paramref name="configure"/>.</summary>
    /// <param name="builder">The TekUp.Security builder.</param>
    /// <param name="configure">Configures <see cref="SqliteStoreOptions"/>.</param>
    public static ITekUpSecurityBuilder UseSqlite(this ITekUpSecurityBuilder builder, Action<SqliteStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);

        builder.AddModuleOptions("Sqlite", configure);
        builder.Services.TryAddSingleton<SqliteDatabase>();
        SqliteStores.Register(builder.Services);
        return builder;
    }
}
