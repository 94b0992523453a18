using System.IO.Compression;
using Microsoft.Extensions.DependencyInjection;
using TekUp.Security.Demo.Gdpr;
using TekUp.Security.Gdpr;
using static TekUp.Security.Demo.Chapters.DemoContext;

namespace TekUp.Security.Demo.Chapters;

/// <summary>Data-subject rights across two sources: access with a verified export, erasure with retention, objection, overdue.</summary>
internal static class GdprChapter
{
    public static async Task RunAsync(DemoContext demo, DemoClock clock, CustomerDataSource customers, InvoiceDataSource invoices)
    {
        var n = demo.Narrator;
        n.Chapter("GDPR: access, erasure with bookkeeping retention, objection, overdue requests");
        customers.Add(TenantA, "c-42", "Jens Hansen", "jens@example.dk", "+45 12 34 56 78");
        invoices.Add(TenantA, "c-42", "2019-0117", new DateTimeOffset(2019, 6, 30, 0, 0, 0, TimeSpan.Zero), 1250m);
        invoices.Add(TenantA, "c-42", "2025-0007", new DateTimeOffset(2025, 3, 5, 0, 0, 0, TimeSpan.Zero), 899.5m);
        n.Say("Two personal-data sources: 'customers', and 'invoices' kept 5 years after their financial year (bogføringsloven §10).");

        var requests = demo.Services.GetRequiredService<IDataSubjectRequestService>();
        var access = await requests.SubmitAsync(new NewDataSubjectRequest { TenantId = TenantA, Kind = DataSubjectRequestKind.Access, SubjectId = "c-42" });
        n.Ok($"access request received, due {access.DueAt:yyyy-MM-dd HH:mm} UTC (one calendar month, Art. 12(3))");
        await requests.VerifyIdentityAsync(TenantA, access.Id, "mitid");
        var accessDone = (await requests.ProcessAsync(TenantA, access.Id)).Request!;
        var exports = demo.Services.GetRequiredService<IExportService>();
        var link = await exports.CreateLinkAsync(TenantA, accessDone.ExportId!.Value);
        var download = await exports.DownloadAsync(TenantA, link!.Token);
        var verification = ExportBundleVerifier.Verify(download.Bundle!);
        n.Ok($"{accessDone.Status}: export bundle encrypted at rest, signed link valid until {link.ExpiresAt:yyyy-MM-dd}");
        using (var zip = new ZipArchive(new MemoryStream(download.Bundle!)))
        {
            foreach (var entry in zip.Entries)
            {
                n.Detail(entry.FullName, $"{entry.Length} bytes");
            }
        }

        n.Ok(verification.IsValid ? $"all {verification.FileCount} files match their SHA-256 digests in the manifest" : $"digest check FAILED: {string.Join("; ", verification.Failures)}");
        var altered = await exports.DownloadAsync(TenantA, link.Token[..^2] + (link.Token[^2] == 'A' ? "B" : "A") + link.Token[^1]);
        n.Refused($"a download link with one character changed: {altered.Error}");

        var erasure = await requests.SubmitAsync(new NewDataSubjectRequest { TenantId = TenantA, Kind = DataSubjectRequestKind.Erasure, SubjectId = "c-42" });
        await requests.VerifyIdentityAsync(TenantA, erasure.Id, "mitid");
        var erased = (await requests.ProcessAsync(TenantA, erasure.Id)).Request!;
        n.Ok($"erasure request: {erased.Status}");
        foreach (var task in erased.Tasks)
        {
            n.Detail(task.Category, $"{task.Status}, {task.RecordCount} record(s)");
            if (task.Retention is { } kept)
            {
                n.Say($"  kept {kept.RecordCount} invoice(s) under {kept.LegalBasis}, {kept.GroundReference}, until {kept.RetainedUntil:yyyy-MM-dd} ({kept.PeriodDescription})");
            }
        }

        var record = await requests.GetErasureRecordAsync(TenantA, erasure.Id);
        n.Ok($"erasure record stored; its verification hash {(record!.Verify() ? "checks out" : "DOES NOT check out")}");

        var restrictions = demo.Services.GetRequiredService<IProcessingRestrictionService>();
        await restrictions.ObjectAsync(TenantA, "c-7", "marketing");
        var marketing = await restrictions.IsProcessingAllowedAsync(TenantA, "c-7", "marketing");
        var billing = await restrictions.IsProcessingAllowedAsync(TenantA, "c-7", "billing");
        n.Refused($"c-7 objected to marketing (Art. 21): may we process for marketing? {(marketing.IsAllowed ? "yes" : "no")}");
        n.Ok($"... and for billing? {(billing.IsAllowed ? "yes" : "no")}");

        var late = await requests.SubmitAsync(new NewDataSubjectRequest { TenantId = TenantA, Kind = DataSubjectRequestKind.Portability, SubjectId = "c-7" });
        clock.Advance(TimeSpan.FromDays(40));
        n.Say("The demo's clock jumps 40 days ahead (every module reads time through TimeProvider)...");
        foreach (var overdue in await requests.ListOverdueAsync(TenantA))
        {
            n.Refused($"overdue: {overdue.Kind} request {overdue.Id.ToString()[..8]} received {overdue.ReceivedAt:yyyy-MM-dd}, was due {overdue.DueAt:yyyy-MM-dd}{(overdue.Id == late.Id ? "" : " (unexpected)")}");
        }
    }
}
