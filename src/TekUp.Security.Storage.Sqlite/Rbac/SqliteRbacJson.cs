using System.Text.Json;
using System.Text.Json.Serialization;
using TekUp.Security.Rbac;

namespace TekUp.Security.Storage.Sqlite;

/// <summary>
/// The stored JSON form of a role's permissions: explicit, versionable field names independent of the .NET model's
/// shape. A condition kind this version does not know fails the read (and so every check of the tenant denies) rather
/// than being dropped, because dropping a condition could turn a conditional allow into an unconditional one.
/// </summary>
internal static class SqliteRbacJson
{
    public static string Write(IReadOnlyList<Permission> permissions) =>
        JsonSerializer.Serialize(permissions.Select(ToDto).ToArray(), SqliteRbacJsonContext.Default.PermissionDtoArray);

    public static IReadOnlyList<Permission> ReadPermissions(string json, string tenantId, string roleId)
    {
        try
        {
            var dtos = JsonSerializer.Deserialize(json, SqliteRbacJsonContext.Default.PermissionDtoArray) ?? [];
            return [.. dtos.Select(FromDto)];
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or NotSupportedException)
        {
            throw new TekUpStorageException($"The permissions of role '{roleId}' of tenant '{tenantId}' cannot be read: {ex.Message}", ex);
        }
    }

    public static string WriteIds(IReadOnlyList<string> ids) => JsonSerializer.Serialize(ids.ToArray(), SqliteRbacJsonContext.Default.StringArray);

    public static IReadOnlyList<string> ReadIds(string json) => JsonSerializer.Deserialize(json, SqliteRbacJsonContext.Default.StringArray) ?? [];

    private static PermissionDto ToDto(Permission permission) => new()
    {
        Resource = permission.Resource,
        Actions = [.. permission.Actions],
        Effect = permission.Effect == PermissionEffect.Deny ? "deny" : "allow",
        Conditions = permission.Conditions.Count == 0 ? null : [.. permission.Conditions.Select(ToDto)],
    };

    private static ConditionDto ToDto(PermissionCondition condition) => condition switch
    {
        OwnerCondition => new ConditionDto { Kind = "owner" },
        SameTenantCondition => new ConditionDto { Kind = "same_tenant" },
        TimeWindowCondition window => new ConditionDto
        {
            Kind = "time_window",
            TimeZone = window.TimeZoneId,
            Days = [.. window.Days.Select(d => d.ToString().ToLowerInvariant())],
            Start = window.Start.ToString("HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture),
            End = window.End.ToString("HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture),
        },
        ClientIpRangeCondition range => new ConditionDto { Kind = "client_ip_range", Networks = [.. range.Networks] },
        _ => throw new NotSupportedException($"Condition type {condition.GetType().Name} cannot be stored."),
    };

    private static Permission FromDto(PermissionDto dto) => new()
    {
        Resource = dto.Resource ?? throw new FormatException("A permission has no resource."),
        Actions = dto.Actions ?? [],
        Effect = dto.Effect switch
        {
            "allow" => PermissionEffect.Allow,
            "deny" => PermissionEffect.Deny,
            _ => throw new FormatException($"Unknown permission effect '{dto.Effect}'."),
        },
        Conditions = dto.Conditions is null ? [] : [.. dto.Conditions.Select(FromDto)],
    };

    private static PermissionCondition FromDto(ConditionDto dto) => dto.Kind switch
    {
        "owner" => PermissionCondition.Owner,
        "same_tenant" => PermissionCondition.SameTenant,
        "time_window" => new TimeWindowCondition
        {
            TimeZoneId = dto.TimeZone ?? throw new FormatException("A time window has no time zone."),
            Days = [.. (dto.Days ?? []).Select(d => Enum.Parse<DayOfWeek>(d, ignoreCase: true))],
            Start = TimeOnly.Parse(dto.Start ?? throw new FormatException("A time window has no start."), System.Globalization.CultureInfo.InvariantCulture),
            End = TimeOnly.Parse(dto.End ?? throw new FormatException("A time window has no end."), System.Globalization.CultureInfo.InvariantCulture),
        },
        "client_ip_range" => new ClientIpRangeCondition { Networks = dto.Networks ?? [] },
        _ => throw new FormatException($"Unknown condition kind '{dto.Kind}'."),
    };
}

internal sealed class PermissionDto
{
    [JsonPropertyName("resource")]
    public string? Resource { get; set; }

    [JsonPropertyName("actions")]
    public string[]? Actions { get; set; }

    [JsonPropertyName("effect")]
    public string? Effect { get; set; }

    [JsonPropertyName("conditions")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ConditionDto[]? Conditions { get; set; }
}

internal sealed class ConditionDto
{
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("time_zone")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TimeZone { get; set; }

    [JsonPropertyName("days")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string[]? Days { get; set; }

    [JsonPropertyName("start")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Start { get; set; }

    [JsonPropertyName("end")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? End { get; set; }

    [JsonPropertyName("networks")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string[]? Networks { get; set; }
}

[JsonSerializable(typeof(PermissionDto[]))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class SqliteRbacJsonContext : JsonSerializerContext;
