using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TekUp.Security.Gdpr;

/// <summary>
/// Recomputes the SHA-256 digests of an export bundle against its <c>manifest.json</c>: what a data subject, a host or an
/// auditor runs to check that a bundle is complete and unaltered. See docs/gdpr.md for the bundle format.
/// </summary>
public static class ExportBundleVerifier
{
    /// <summary>The name of the manifest inside a bundle.</summary>
    public const string ManifestName = "manifest.json";

    private const int MaxEntries = 10_000;

    /// <summary>Verifies a bundle.</summary>
    /// <param name="bundle">The ZIP bytes.</param>
    /// <param name="expectedManifestSha256">The manifest digest recorded at creation (lower-case hex), or <see langword="null"/> to check the files only.</param>
    public static ExportVerificationResult Verify(ReadOnlyMemory<byte> bundle, string? expectedManifestSha256 = null)
    {
        var failures = new List<string>();
        try
        {
            using var stream = new MemoryStream(bundle.ToArray(), writable: false);
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries)
            {
                return Fail("the bundle has too many files");
            }

            var actual = new Dictionary<string, string>(StringComparer.Ordinal);
            byte[]? manifest = null;
            foreach (var entry in zip.Entries)
            {
                var content = Read(entry, bundle.Length);
                if (!actual.TryAdd(entry.FullName, Convert.ToHexStringLower(SHA256.HashData(content))))
                {
                    failures.Add($"duplicate file '{entry.FullName}'");
                }

                if (entry.FullName == ManifestName)
                {
                    manifest = content;
                }
            }

            if (manifest is null)
            {
                return Fail("the bundle has no manifest.json");
            }

            if (expectedManifestSha256 is not null && !CryptographicOperations.FixedTimeEquals(
                    Encoding.ASCII.GetBytes(actual[ManifestName]), Encoding.ASCII.GetBytes(expectedManifestSha256)))
            {
                failures.Add("manifest.json does not match the recorded digest");
            }

            var listed = 0;
            using var document = JsonDocument.Parse(manifest);
            foreach (var file in document.RootElement.GetProperty("files").EnumerateArray())
            {
                listed++;
                var path = file.GetProperty("path").GetString() ?? string.Empty;
                var digest = file.GetProperty("sha256").GetString() ?? string.Empty;
                if (!actual.Remove(path, out var computed))
                {
                    failures.Add($"'{path}' is listed but missing");
                }
                else if (!string.Equals(computed, digest, StringComparison.Ordinal))
                {
                    failures.Add($"'{path}' does not match its SHA-256 digest");
                }
            }

            actual.Remove(ManifestName);
            failures.AddRange(actual.Keys.Select(extra => $"'{extra}' is not listed in the manifest"));
            return new ExportVerificationResult(failures, listed);
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            return Fail("the bundle or its manifest is malformed");
        }
    }

    private static byte[] Read(ZipArchiveEntry entry, int bundleLength)
    {
        // A bundle we wrote is deflated text: a ratio above 1000 is not ours (a zip bomb) and is refused.
        var limit = Math.Max(1024L * 1024, (long)bundleLength * 1000);
        if (entry.Length > limit)
        {
            throw new InvalidDataException("entry too large");
        }

        using var input = entry.Open();
        using var output = new MemoryStream((int)entry.Length);
        input.CopyTo(output);
        if (output.Length != entry.Length)
        {
            throw new InvalidDataException("entry length mismatch");
        }

        return output.ToArray();
    }

    private static ExportVerificationResult Fail(string failure) => new([failure], 0);
}
