using TekUp.Security.Gdpr;
using System.Collections.Concurrent;

namespace TekUp.Security.Demo.Gdpr;

/// <summary>
/// Example source for the demo: customer master data (name, e-mail, phone), tabular, erased on request. The data lives in
/// a dictionary here; a host would read its own database. Copy freely.
/// </summary>
internal sealed class CustomerDataSource : IPersonalDataSource
{
    private readonly ConcurrentDictionary<(string Tenant, string Subject), Dictionary<string, string?>> _customers = new();
    private readonly ConcurrentDictionary<(string Tenant, string Subject), bool> _restricted = new();

    public string Category => "customers";

    public bool IsTabular => true;

    public RetentionRule? Retention => null;

    public void Add(string tenantId, string customerId, string name, string email, string phone) =>
        _customers[(tenantId, customerId)] = new() { ["name"] = name, ["email"] = email, ["phone"] = phone };

    public bool Contains(string tenantId, string customerId) => _customers.ContainsKey((tenantId, customerId));

    public bool IsRestricted(string tenantId, string customerId) => _restricted.GetValueOrDefault((tenantId, customerId));

    public IReadOnlyDictionary<string, string?>? Get(string tenantId, string customerId) => _customers.GetValueOrDefault((tenantId, customerId));

    public Task<IReadOnlyList<PersonalDataRecord>> CollectAsync(PersonalDataContext context, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<PersonalDataRecord> records = _customers.TryGetValue((context.TenantId, context.SubjectId), out var fields)
            ? [new PersonalDataRecord { Id = context.SubjectId, Fields = new Dictionary<string, string?>(fields) }]
            : [];
        return Task.FromResult(records);
    }

    public Task<int> RectifyAsync(PersonalDataContext context, IReadOnlyDictionary<string, string?> corrections, CancellationToken cancellationToken = default)
    {
        if (!_customers.TryGetValue((context.TenantId, context.SubjectId), out var fields))
        {
            return Task.FromResult(0);
        }

        foreach (var (name, value) in corrections.Where(c => fields.ContainsKey(c.Key)))
        {
            fields[name] = value;
        }

        return Task.FromResult(1);
    }

    public Task<int> EraseAsync(PersonalDataContext context, IReadOnlyCollection<string> recordIds, CancellationToken cancellationToken = default) =>
        Task.FromResult(recordIds.Contains(context.SubjectId) && _customers.TryRemove((context.TenantId, context.SubjectId), out _) ? 1 : 0);

    public Task<int> RestrictAsync(PersonalDataContext context, bool restricted, CancellationToken cancellationToken = default)
    {
        if (!_customers.ContainsKey((context.TenantId, context.SubjectId)))
        {
            return Task.FromResult(0);
        }

        _restricted[(context.TenantId, context.SubjectId)] = restricted;
        return Task.FromResult(1);
    }
}
