namespace TekUp.Security.Storage.Sqlite.Internal;

/// <summary>One schema change. Ids are applied once, in the order of <see cref="SqliteSchema.Migrations"/>, and never edited after release.</summary>
internal sealed record SqliteMigration(string Id, string Sql);
