using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using TekUp.Security.Auditing;
using TekUp.Security.Events;
using TekUp.Security.Principals;

namespace TekUp.Security.Rbac.Tests;

/// <summary>A host with in-memory stores, a fake clock, a settable client address and recording audit and event sinks.</summary>
internal sealed class RbacHarness : IAsyncDisposable
{
    public const string Tenant = "acme";

    private readonly ServiceProvider _services;

    public RbacHarness(Action<RbacOptions>? configure = null, Action<IServiceCollection>? services = null, DateTimeOffset? start = null)
    {
        Time = new FakeTimeProvider(start ?? new DateTimeOffset(2026, 1, 15, 10, 0, 0, TimeSpan.Zero));
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        collection.AddSingleton<TimeProvider>(Time);
        collection.TryAddEnumerable(ServiceDescriptor.Singleton<ISecurityEventHandler>(Events));
        collection.AddSingleton<IClientAddressAccessor>(ClientAddress);
        collection.AddTekUpSecurity().UseInMemoryStores().AddRbac(configure);

        // Every record goes through the real audit trail (so it must pass the trail's validation) and is also kept here.
        var real = collection.Last(d => d.ServiceType == typeof(IAuditTrail));
        collection.Remove(real);
        collection.AddSingleton<IAuditTrail>(sp => Audit.Attach((IAuditTrail)real.ImplementationFactory!(sp)));
        services?.Invoke(collection);
        _services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>The clock; by default it starts on Thursday 2026-01-15 10:00 UTC (11:00 in Copenhagen).</summary>
    public FakeTimeProvider Time { get; }

    public RecordingAuditTrail Audit { get; } = new();

    public RecordingLoggerProvider Logs { get; } = new();

    public RecordingEventHandler Events { get; } = new();

    public SettableClientAddress ClientAddress { get; } = new();

    public IServiceProvider Services => _services;

    public IPermissionChecker Checker => _services.GetRequiredService<IPermissionChecker>();

    public IRoleManager Roles => _services.GetRequiredService<IRoleManager>();

    public IRoleStore RoleStore => _services.GetRequiredService<IRoleStore>();

    public IRoleAssignmentStore AssignmentStore => _services.GetRequiredService<IRoleAssignmentStore>();

    public static SecurityPrincipal User(string subjectId, string tenantId = Tenant, bool disabled = false) =>
        new() { TenantId = tenantId, SubjectId = subjectId, IsDisabled = disabled };

    public Task<Role> CreateRoleAsync(string id, params Permission[] permissions) => CreateRoleAsync(id, [], permissions);

    public Task<Role> CreateRoleAsync(string id, string[] parents, params Permission[] permissions) =>
        Roles.CreateRoleAsync(new Role { TenantId = Tenant, Id = id, Name = id, Permissions = permissions, ParentRoleIds = parents });

    public async Task<SecurityPrincipal> UserWithRolesAsync(string subjectId, params string[] roleIds)
    {
        foreach (var roleId in roleIds)
        {
            await Roles.AssignRoleAsync(Tenant, subjectId, roleId);
        }

        return User(subjectId);
    }

    public ValueTask<AccessDecision> CheckAsync(SecurityPrincipal principal, string resource, string action, ResourceContext? context = null) =>
        Checker.CheckAsync(principal, resource, action, context);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>Keeps every appended record for assertions and forwards everything to the real trail.</summary>
internal sealed class RecordingAuditTrail : IAuditTrail, IAsyncDisposable
{
    private readonly ConcurrentQueue<AuditRecord> _records = new();
    private IAuditTrail? _inner;

    public IReadOnlyList<AuditRecord> Records => [.. _records];

    private IAuditTrail Inner => _inner ?? throw new InvalidOperationException("No audit trail attached.");

    public IReadOnlyList<AuditRecord> OfType(string eventType) => [.. _records.Where(r => r.EventType == eventType)];

    public RecordingAuditTrail Attach(IAuditTrail inner)
    {
        _inner = inner;
        return this;
    }

    public async ValueTask AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        await Inner.AppendAsync(record, cancellationToken);
        _records.Enqueue(record);
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => Inner.FlushAsync(cancellationToken);

    public Task<AuditVerificationResult> VerifyAsync(AuditVerificationRange? range = null, CancellationToken cancellationToken = default) =>
        Inner.VerifyAsync(range, cancellationToken);

    public IAsyncEnumerable<AuditEntry> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
        Inner.QueryAsync(query, cancellationToken);

    public Task ExportAsync(Stream destination, AuditQuery query, CancellationToken cancellationToken = default) =>
        Inner.ExportAsync(destination, query, cancellationToken);

    public void Clear() => _records.Clear();

    public async ValueTask DisposeAsync()
    {
        if (_inner is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }
}

internal sealed class RecordingEventHandler : ISecurityEventHandler
{
    private readonly ConcurrentQueue<SecurityEvent> _events = new();

    public IReadOnlyList<SecurityEvent> Events => [.. _events];

    public void Handle(SecurityEvent securityEvent) => _events.Enqueue(securityEvent);
}

internal sealed class SettableClientAddress : IClientAddressAccessor
{
    public IPAddress? ClientAddress { get; set; }

    public void Set(string? address) => ClientAddress = address is null ? null : IPAddress.Parse(address);
}

internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(EventId Id, LogLevel Level, string Message, Exception? Exception)> _entries = new();

    public IReadOnlyList<(EventId Id, LogLevel Level, string Message, Exception? Exception)> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(_entries);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<(EventId, LogLevel, string, Exception?)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((eventId, logLevel, formatter(state, exception), exception));
    }
}
