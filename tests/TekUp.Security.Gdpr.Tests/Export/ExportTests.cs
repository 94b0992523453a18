using System.IO.Compression;
using System.Text;
using TekUp.Security.Gdpr.Tests.TestSupport;
using Microsoft.Data.Sqlite;

namespace TekUp.Security.Gdpr.Tests.Export;

public sealed class ExportTests
{
    private const string Tenant = GdprHarness.Tenant;

    private static async Task<(GdprHarness Host, DataSubjectRequest Request, ExportLink Link)> ExportedAsync(DataSubjectRequestKind kind = DataSubjectRequestKind.Access, string? sqlitePath = null)
    {
        var host = new GdprHarness(sqlitePath: sqlitePath);
        host.SeedCustomer();
        var request = await host.VerifiedAsync(kind);
        var result = await host.Requests.ProcessAsync(Tenant, request.Id);
        var link = await host.Exports.CreateLinkAsync(Tenant, result.Request!.ExportId!.Value);
        return (host, result.Request, link!);
    }

    [Fact]
    public async Task DownloadAsync_ValidLink_ReturnsABundleWhoseDigestsVerify()
    {
        var (host, request, link) = await ExportedAsync();
        await using var _ = host;

        var download = await host.Exports.DownloadAsync(Tenant, link.Token);

        Assert.True(download.Succeeded);
        Assert.Equal(request.ExportId, download.ExportId);
        var verification = ExportBundleVerifier.Verify(download.Bundle);
        Assert.True(verification.IsValid, string.Join("; ", verification.Failures));
        Assert.Equal(4, verification.FileCount);
        using var zip = new ZipArchive(new MemoryStream(download.Bundle!));
        Assert.Equal(["data/customers.json", "data/customers.csv", "data/invoices.json", "data/invoices.csv", "manifest.json"], zip.Entries.Select(e => e.FullName));
        var customers = Read(zip, "data/customers.csv");
        Assert.Contains("jens@example.dk", customers, StringComparison.Ordinal);
        Assert.Contains("'+45 12 34 56 78", customers, StringComparison.Ordinal); // formula-like cell neutralised in CSV
        Assert.Contains("\"+45 12 34 56 78\"", Read(zip, "data/customers.json"), StringComparison.Ordinal);
        Assert.Contains("c-42-2025-007", Read(zip, "data/invoices.json"), StringComparison.Ordinal);
        Assert.Equal(link.ExpiresAt, GdprHarness.Start.AddDays(7));
        Assert.Contains(await host.AuditAsync(), e => e.EventType == "gdpr.export.downloaded");
    }

    [Fact]
    public async Task DownloadAsync_ExpiredLink_IsRefused()
    {
        var (host, _, link) = await ExportedAsync(DataSubjectRequestKind.Portability);
        await using var _ = host;
        host.Time.Advance(TimeSpan.FromDays(7));

        var download = await host.Exports.DownloadAsync(Tenant, link.Token);

        Assert.Equal(ExportDownloadError.Expired, download.Error);
        Assert.Null(download.Bundle);
        Assert.Null(await host.Exports.CreateLinkAsync(Tenant, link.ExportId));
        Assert.Equal(1, await host.Exports.DeleteExpiredAsync());
    }

    [Fact]
    public async Task DownloadAsync_AlteredLinkOrOtherTenant_IsRefused()
    {
        var (host, _, link) = await ExportedAsync();
        await using var _ = host;
        var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(link.Token);

        foreach (var index in new[] { 0, 5, 20, 30, 60 })
        {
            var altered = bytes.ToArray();
            altered[index] ^= 0x01;
            Assert.Equal(ExportDownloadError.InvalidLink, (await host.Exports.DownloadAsync(Tenant, System.Buffers.Text.Base64Url.EncodeToString(altered))).Error);
        }

        Assert.Equal(ExportDownloadError.InvalidLink, (await host.Exports.DownloadAsync("other", link.Token)).Error);
        Assert.Equal(ExportDownloadError.InvalidLink, (await host.Exports.DownloadAsync(Tenant, "")).Error);
        Assert.Equal(ExportDownloadError.InvalidLink, (await host.Exports.DownloadAsync(Tenant, new string('A', 5000))).Error);
        Assert.Equal(ExportDownloadError.InvalidLink, (await host.Exports.DownloadAsync(Tenant, link.Token[..^2])).Error);
        Assert.Contains(await host.AuditAsync(), e => e.EventType == "gdpr.export.refused" && e.Reason == "invalid_link");
    }

    [Fact]
    public async Task DownloadAsync_TamperedStoredBundleOnSqlite_IsRefused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tekup-gdpr-{Guid.NewGuid():N}.db");
        try
        {
            var (host, _, link) = await ExportedAsync(sqlitePath: path);
            await using (host)
            {
                Assert.True((await host.Exports.DownloadAsync(Tenant, link.Token)).Succeeded);
                await using (var connection = new SqliteConnection($"Data Source={path}"))
                {
                    await connection.OpenAsync();
                    await using var command = connection.CreateCommand();
                    // Flip one byte in the middle of the stored ciphertext, as someone with database access could.
                    command.CommandText = """
                        UPDATE tekup_gdpr_exports SET ciphertext = CAST(
                            substr(ciphertext, 1, length(ciphertext) / 2) || X'00' || substr(ciphertext, length(ciphertext) / 2 + 2) AS BLOB);
                        """;
                    Assert.Equal(1, await command.ExecuteNonQueryAsync());
                }

                Assert.Equal(ExportDownloadError.Tampered, (await host.Exports.DownloadAsync(Tenant, link.Token)).Error);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    [Fact]
    public async Task Verify_BundleWithAlteredFileMissingFileOrExtraFile_Fails()
    {
        var (host, _, link) = await ExportedAsync();
        await using var _ = host;
        var bundle = (await host.Exports.DownloadAsync(Tenant, link.Token)).Bundle!;

        var altered = Rewrite(bundle, (name, content) => name == "data/invoices.json" ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(content).Replace("899.5", "0", StringComparison.Ordinal)) : content);
        var missing = Rewrite(bundle, (name, content) => name == "data/customers.csv" ? null : content);
        var extra = Rewrite(bundle, (name, content) => content, ("data/extra.json", "{}"u8.ToArray()));

        Assert.Contains("'data/invoices.json' does not match its SHA-256 digest", ExportBundleVerifier.Verify(altered).Failures);
        Assert.Contains("'data/customers.csv' is listed but missing", ExportBundleVerifier.Verify(missing).Failures);
        Assert.Contains("'data/extra.json' is not listed in the manifest", ExportBundleVerifier.Verify(extra).Failures);
        Assert.False(ExportBundleVerifier.Verify(bundle, new string('0', 64)).IsValid);
        Assert.False(ExportBundleVerifier.Verify("not a zip"u8.ToArray()).IsValid);
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private static byte[] Rewrite(byte[] bundle, Func<string, byte[], byte[]?> change, (string Name, byte[] Content)? add = null)
    {
        using var input = new ZipArchive(new MemoryStream(bundle));
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries)
            {
                using var source = entry.Open();
                using var buffer = new MemoryStream();
                source.CopyTo(buffer);
                var content = change(entry.FullName, buffer.ToArray());
                if (content is not null)
                {
                    using var target = zip.CreateEntry(entry.FullName).Open();
                    target.Write(content);
                }
            }

            if (add is { } extra)
            {
                using var target = zip.CreateEntry(extra.Name).Open();
                target.Write(extra.Content);
            }
        }

        return output.ToArray();
    }
}
