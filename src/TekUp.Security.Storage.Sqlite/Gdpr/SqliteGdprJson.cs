using System.Text.Json;
using System.Text.Json.Serialization;
using TekUp.Security.Gdpr;

namespace TekUp.Security.Storage.Sqlite;

/// <summary>The stored JSON of requests and erasure records (enums as names, so the stored text survives reordering).</summary>
internal static class SqliteGdprJson
{
    public static string Write(DataSubjectRequest request) => JsonSerializer.Serialize(request, SqliteGdprJsonContext.Default.DataSubjectRequest);

    public static string Write(ErasureRecord record) => JsonSerializer.Serialize(record, SqliteGdprJsonContext.Default.ErasureRecord);

    public static DataSubjectRequest ReadRequest(string json, long version) => Read(json, SqliteGdprJsonContext.Default.DataSubjectRequest) with { Version = version };

    public static ErasureRecord ReadErasure(string json) => Read(json, SqliteGdprJsonContext.Default.ErasureRecord);

    private static T Read<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type) ?? throw new TekUpStorageException("A stored GDPR record is empty.");
        }
        catch (JsonException ex)
        {
            throw new TekUpStorageException("A stored GDPR record cannot be read.", ex);
        }
    }
}

[JsonSourceGenerationOptions(UseStringEnumConverter = true, IgnoreReadOnlyProperties = true)]
[JsonSerializable(typeof(DataSubjectRequest))]
[JsonSerializable(typeof(ErasureRecord))]
internal sealed partial class SqliteGdprJsonContext : JsonSerializerContext;
