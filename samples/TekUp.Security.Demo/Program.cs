using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TekUp.Security.Demo;
using TekUp.Security.Demo.Chapters;
using TekUp.Security.Demo.Gdpr;

// The TekUp.Security story on the embedded SQLite default. No configuration needed: the database and a generated
// master key file live in the working directory. Settings can still come from appsettings.json or environment
// variables (TekUp__Security__...), exactly as in a host application.
const string DatabaseFile = "tekup-security.db";
const string MasterKeyFile = "tekup-master.key";

var narrator = new Narrator();
narrator.Title("TekUp.Security demo");
narrator.Say($"working directory: {Environment.CurrentDirectory}");
narrator.Say($"database:          {DatabaseFile} (SQLite, WAL)");
narrator.Say($"master key file:   {MasterKeyFile}{(File.Exists(MasterKeyFile) ? " (exists, reused)" : " (will be generated)")}");

await EarlierRun.InspectAndResetAsync(narrator, DatabaseFile);

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
var clock = new DemoClock();
var customers = new CustomerDataSource();
var invoices = new InvoiceDataSource();
builder.Services.AddSingleton<TimeProvider>(clock);
builder.Logging.ClearProviders();
builder.Logging.AddProvider(new NarratorLoggerProvider(narrator));
builder.Services.AddTekUpSecurity(builder.Configuration, o => o.ApplicationName = "demo")
    .UseSqlite($"Data Source={DatabaseFile}")
    .AddKeyManagement(k =>
    {
        k.MasterKeyFile = MasterKeyFile;
        k.GenerateMasterKeyFileIfMissing = true;
    })
    .AddApiKeyAuthentication()
    .AddRbac()
    .AddGdpr(g => g.AddPersonalDataSource(customers).AddPersonalDataSource(invoices));

using var host = builder.Build();
await host.StartAsync();

var records = new DemoRecords($"Data Source={DatabaseFile}");
await records.EnsureCreatedAsync();
var demo = new DemoContext(host.Services, narrator, records, Path.GetFullPath(DatabaseFile));

await EncryptionChapters.TenantsAsync(demo);
await EncryptionChapters.EncryptAsync(demo);
await EncryptionChapters.IsolationAsync(demo);
await EncryptionChapters.RotateAsync(demo);
await EncryptionChapters.ReEncryptAsync(demo);
await EncryptionChapters.ShredAsync(demo);
await AuthChapter.RunAsync(demo);
await RbacChapter.RunAsync(demo);
await GdprChapter.RunAsync(demo, clock, customers, invoices);
await AuditChapters.VerifyAsync(demo);
await AuditChapters.TamperAsync(demo);

await host.StopAsync();
narrator.Title(narrator.Failures == 0 ? "Done: every step behaved as expected" : $"Done, with {narrator.Failures} unexpected result(s)");
narrator.Say($"Run it again: the next run finds {DatabaseFile}, reports what persisted in it, and starts the story clean.");
return narrator.Failures == 0 ? 0 : 1;
