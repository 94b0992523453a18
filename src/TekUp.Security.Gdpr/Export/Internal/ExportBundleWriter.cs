using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TekUp.Security.Gdpr.Internal;

/// <summary>One category's records collected for an export.</summary>
internal sealed record CollectedCategory(string Category, bool IsTabular, IReadOnlyList<PersonalDataRecord> Records);

/// <summary>
/// Writes an export bundle: a ZIP with <c>data/&lt;category&gt;.json</c> per category, <c>data/&lt;category&gt;.csv</c> for tabular
/// categories, and <c>manifest.json</c> listing every file with its SHA-256. Entry times are the export time, so the
/// same data gives the same bytes.
/// </summary>
internal static class ExportBundleWriter
{
    public const string Format = "tekup-gdpr-export/1";

    // The files are read by people and programs, never embedded in HTML: keep '+', '&' and non-ASCII letters readable.
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static (byte[] Bundle, string ManifestSha256, int FileCount) Write(Guid exportId, DataSubjectRequest request, DateTimeOffset createdAt, IReadOnlyList<CollectedCategory> categories)
    {
        var files = new List<(string Path, string Category, string MediaType, byte[] Content)>();
        foreach (var category in categories)
        {
            files.Add(($"data/{category.Category}.json", category.Category, "application/json", Json(category)));
            if (category.IsTabular)
            {
                files.Add(($"data/{category.Category}.csv", category.Category, "text/csv", Csv(category.Records)));
            }
        }

        var manifest = Manifest(exportId, request, createdAt, files);
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in files)
            {
                Add(zip, file.Path, file.Content, createdAt);
            }

            Add(zip, ExportBundleVerifier.ManifestName, manifest, createdAt);
        }

        return (output.ToArray(), Convert.ToHexStringLower(SHA256.HashData(manifest)), files.Count);
    }

    private static void Add(ZipArchive zip, string path, byte[] content, DateTimeOffset at)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        entry.LastWriteTime = at.Year < 1980 ? new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero) : at;
        using var stream = entry.Open();
        stream.Write(content);
    }

    private static byte[] Manifest(Guid exportId, DataSubjectRequest request, DateTimeOffset createdAt, List<(string Path, string Category, string MediaType, byte[] Content)> files)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteString("exportId", exportId.ToString("D"));
            json.WriteString("tenantId", request.TenantId);
            json.WriteString("requestId", request.Id.ToString("D"));
            json.WriteString("kind", Codes.Kind(request.Kind));
            json.WriteString("createdAt", createdAt.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("digestAlgorithm", "SHA-256");
            json.WriteStartArray("files");
            foreach (var file in files)
            {
                json.WriteStartObject();
                json.WriteString("path", file.Path);
                json.WriteString("category", file.Category);
                json.WriteString("mediaType", file.MediaType);
                json.WriteNumber("bytes", file.Content.Length);
                json.WriteString("sha256", Convert.ToHexStringLower(SHA256.HashData(file.Content)));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static byte[] Json(CollectedCategory category)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("category", category.Category);
            json.WriteStartArray("records");
            foreach (var record in category.Records)
            {
                json.WriteStartObject();
                json.WriteString("id", record.Id);
                if (record.RecordDate is { } date)
                {
                    json.WriteString("recordDate", date.ToString("O", CultureInfo.InvariantCulture));
                }

                json.WriteStartObject("fields");
                foreach (var (name, value) in record.Fields)
                {
                    json.WriteString(name, value);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>RFC 4180 CSV: id, record_date, then every field name in first-seen order.</summary>
    private static byte[] Csv(IReadOnlyList<PersonalDataRecord> records)
    {
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in records.SelectMany(r => r.Fields.Keys))
        {
            if (seen.Add(name))
            {
                columns.Add(name);
            }
        }

        var text = new StringBuilder();
        text.Append("id,record_date");
        foreach (var column in columns)
        {
            text.Append(',').Append(Cell(column));
        }

        text.Append("\r\n");
        foreach (var record in records)
        {
            text.Append(Cell(record.Id)).Append(',').Append(record.RecordDate?.ToString("O", CultureInfo.InvariantCulture));
            foreach (var column in columns)
            {
                text.Append(',').Append(record.Fields.TryGetValue(column, out var value) ? Cell(value) : string.Empty);
            }

            text.Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        // A cell starting like a formula is prefixed with ' so a spreadsheet shows it as text (CSV injection);
        // the JSON file carries the value unchanged.
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
