using Microsoft.AspNetCore.Authorization;
using TekUp.Security.AspNetCore.Authentication;
using TekUp.Security.Auth.Sessions;

namespace TekUp.Security.WebApi;

/// <summary>Builds the sample application, so the integration tests start exactly what <c>dotnet run</c> starts.</summary>
public static class WebApiApp
{
    /// <summary>Creates the application from command-line arguments (<c>--urls</c>, configuration overrides...).</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="configureServices">Optional last-word service registrations (tests use it to put in a fake clock).</param>
    public static WebApplication Create(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var sample = builder.Configuration.GetSection("Sample");

        // TekUp.Security: options from TekUp:Security (appsettings, environment, command line).
        var security = builder.Services.AddTekUpSecurity(builder.Configuration, o => o.RequireProductionKeys = !builder.Environment.IsDevelopment());
        if (string.Equals(sample["Storage"], "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            security.UseSqlite(sample["SqliteConnectionString"] ?? "Data Source=tekup-webapi.db");
        }
        else
        {
            security.UseInMemoryStores();
        }

        // Session tokens are signed with per-tenant keys derived through KeyManagement. In Development a master key file
        // is generated next to the app; elsewhere configure TekUp:Security:KeyManagement:MasterKey (or the environment
        // variable TEKUP_MASTER_KEY) and TekUp:Security:Auth:ApiKeyPepper from a secret store.
        security.AddKeyManagement(k =>
        {
            if (builder.Environment.IsDevelopment() && k.MasterKey is null)
            {
                k.MasterKeyFile ??= "tekup-master.key";
                k.GenerateMasterKeyFileIfMissing = true;
            }
        });
        security.AddApiKeyAuthentication();

        // Roles and permissions: [RequirePermission] / .RequirePermission(...) without registering policies, owner checks
        // in endpoints, IP conditions on the connection's address, 403 problem details with the Rbac reason code.
        security.AddRbacAuthorization();

        // ASP.NET Core: the TekUp scheme as default, problem details, forwarded headers only from known proxies.
        builder.Services.AddAuthentication(TekUpAuthenticationDefaults.AuthenticationScheme).AddTekUpApiKey();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy("invoices:read", p => p.RequireTekUpScope("invoices:read"));
        builder.Services.AddProblemDetails();
        builder.Services.AddTekUpForwardedHeaders(sample.GetSection("KnownProxies").Get<string[]>() ?? []);
        if (sample.GetValue<bool>("SeedDemo"))
        {
            builder.Services.AddHostedService<DemoSeeder>();
        }

        builder.Services.AddSingleton<ExpenseBook>();
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseForwardedHeaders();
        app.UseTekUpRateLimiting();
        app.UseAuthentication();
        app.UseAuthorization();
        MapEndpoints(app);
        RbacEndpoints.Map(app);
        return app;
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.MapGet("/health", () => Results.Ok(new { status = "ok" }));

        app.MapGet("/whoami", (HttpContext context) =>
        {
            var user = context.User;
            return Results.Ok(new
            {
                tenant = user.FindFirst(TekUpClaimTypes.TenantId)?.Value,
                subject = user.FindFirst(TekUpClaimTypes.Subject)?.Value,
                credential = user.FindFirst(TekUpClaimTypes.CredentialType)?.Value,
                scopes = user.FindAll(TekUpClaimTypes.Scope).Select(c => c.Value).ToArray(),
                clientIp = context.Connection.RemoteIpAddress?.ToString(),
            });
        }).RequireAuthorization();

        app.MapGet("/invoices", (HttpContext context) => Results.Ok(new[]
        {
            new { id = 1, tenant = context.User.FindFirst(TekUpClaimTypes.TenantId)?.Value, amount = 1250.00m },
        })).RequireAuthorization("invoices:read");

        // Exchange the API key for a session token (1 hour by default); ?bindIp=true binds it to this client address.
        app.MapPost("/sessions", async (HttpContext context, ISessionTokenService sessions, bool? bindIp) =>
        {
            var authenticated = context.Features.Get<ITekUpAuthenticationFeature>()!.Result;
            if (authenticated.IsSessionToken)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Create sessions with the API key, not with a session token.");
            }

            var token = await sessions.CreateAsync(
                authenticated,
                new SessionTokenRequest { ClientIp = bindIp == true ? context.Connection.RemoteIpAddress : null },
                context.RequestAborted);
            return Results.Ok(new { token = token.Token, tokenId = token.TokenId, expiresAt = token.ExpiresAt });
        }).RequireAuthorization();

        // Log out: revoke the session token this request used.
        app.MapDelete("/sessions/current", async (HttpContext context, ISessionTokenService sessions) =>
        {
            var authenticated = context.Features.Get<ITekUpAuthenticationFeature>()!.Result;
            if (!authenticated.IsSessionToken)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "This request did not use a session token.");
            }

            await sessions.RevokeAsync(authenticated.TenantId!, authenticated.SessionTokenId!, authenticated.SessionExpiresAt!.Value, "logout", context.RequestAborted);
            return Results.NoContent();
        }).RequireAuthorization();
    }

    /// <summary>For trying the sample by hand: creates the tenant <c>demo</c> and prints one key, once.</summary>
    private sealed class DemoSeeder(IServiceProvider services) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var tenants = services.GetRequiredService<TekUp.Security.Tenants.ITenantService>();
            if (await tenants.FindAsync("demo", cancellationToken) is null)
            {
                await tenants.CreateAsync("demo", "Demo ApS", cancellationToken: cancellationToken);
            }

            var keys = services.GetRequiredService<TekUp.Security.Auth.ApiKeys.IApiKeyManager>();
            var issued = await keys.IssueAsync("demo", new() { Name = "sample", Scopes = ["invoices:read"] }, cancellationToken);
            await RbacEndpoints.SeedDemoRolesAsync(services, "demo", issued.Record.Id, cancellationToken);

            // Shown once, on the console only (not through ILogger): only the hash is stored.
            Console.WriteLine($"Demo API key for tenant 'demo' (shown once): {issued.Key}");
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
