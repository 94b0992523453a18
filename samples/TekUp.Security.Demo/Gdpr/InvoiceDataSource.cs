using TekUp.Security.Gdpr;
using System.Collections.Concurrent;
using System.Globalization;

namespace TekUp.Security.Demo.Gdpr;

/// <summary>
/// Example source for the demo: invoices, kept 5 years from the end of the financial year they belong to under the
/// Danish Bookkeeping Act (bogføringsloven §10, an Art. 17(3)(b) legal obligation). An erasure erases only invoices whose
/// retention has ended; a later purge erases the rest. Copy freely.
/// </summary>
internal sealed class InvoiceDataSource : IPersonalDataSource
{
    private readonly ConcurrentDictionary<(string Tenant, string Number), Invoice> _invoices = new();

    public string Category => "invoices";

    public bool IsTabular => true;

    public RetentionRule? Retention { get; } = RetentionRule.DanishBookkeeping();

    public void Add(string tenantId, string customerId, string number, DateTimeOffset date, decimal amount) =>
        _invoices[(tenantId, number)] = new Invoice(customerId, number, date, amount);

    public int Count(string tenantId, string customerId) => _invoices.Count(i => i.Key.Tenant == tenantId && i.Value.CustomerId == customerId);

    public Task<IReadOnlyList<PersonalDataRecord>> CollectAsync(PersonalDataContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PersonalDataRecord>>([.. _invoices
            .Where(i => i.Key.Tenant == context.TenantId && i.Value.CustomerId == context.SubjectId)
            .OrderBy(i => i.Value.Number, StringComparer.Ordinal)
            .Select(i => new PersonalDataRecord
            {
                Id = i.Value.Number,
                RecordDate = i.Value.Date,
                Fields = new Dictionary<string, string?>
                {
                    ["number"] = i.Value.Number,
                    ["date"] = i.Value.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["amount_dkk"] = i.Value.Amount.ToString(CultureInfo.InvariantCulture),
                },
            })]);

    public Task<int> RectifyAsync(PersonalDataContext context, IReadOnlyDictionary<string, string?> corrections, CancellationToken cancellationToken = default) =>
        Task.FromResult(0); // Accounting records are corrected by a credit note, not rewritten.

    public Task<int> EraseAsync(PersonalDataContext context, IReadOnlyCollection<string> recordIds, CancellationToken cancellationToken = default) =>
        Task.FromResult(recordIds.Count(number => _invoices.TryRemove((context.TenantId, number), out _)));

    public Task<int> RestrictAsync(PersonalDataContext context, bool restricted, CancellationToken cancellationToken = default) =>
        Task.FromResult(Count(context.TenantId, context.SubjectId));

    private sealed record Invoice(string CustomerId, string Number, DateTimeOffset Date, decimal Amount);
}
