using System.Text.Json.Serialization;

namespace TekUp.Security.Storage.Sqlite.Internal;

/// <summary>Source-generated JSON for the small structured columns the SQLite stores keep as text.</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class SqliteJsonContext : JsonSerializerContext;
