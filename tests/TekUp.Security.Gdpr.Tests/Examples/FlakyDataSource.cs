namespace TekUp.Security.Gdpr.Tests.Examples;

/// <summary>A source that throws for its first <c>failures</c> calls, then holds one record per subject.</summary>
public sealed class FlakyDataSource(int failures) : IPersonalDataSource
{
    private int _remainingFailures = failures;

    public string Category => "support-tickets";

    public bool IsTabular => false;

    public RetentionRule? Retention => null;

    public int Calls { get; private set; }

    public Task<IReadOnlyList<PersonalDataRecord>> CollectAsync(PersonalDataContext context, CancellationToken cancellationToken = default)
    {
        Fail();
        return Task.FromResult<IReadOnlyList<PersonalDataRecord>>([new PersonalDataRecord { Id = "t-1", Fields = new Dictionary<string, string?> { ["text"] = "printer broken" } }]);
    }

    public Task<int> RectifyAsync(PersonalDataContext context, IReadOnlyDictionary<string, string?> corrections, CancellationToken cancellationToken = default)
    {
        Fail();
        return Task.FromResult(1);
    }

    public Task<int> EraseAsync(PersonalDataContext context, IReadOnlyCollection<string> recordIds, CancellationToken cancellationToken = default)
    {
        return Task.FromResult(recordIds.Count);
    }

    public Task<int> RestrictAsync(PersonalDataContext context, bool restricted, CancellationToken cancellationToken = default)
    {
        Fail();
        return Task.FromResult(1);
    }

    private void Fail()
    {
        Calls++;
        if (_remainingFailures > 0)
        {
            _remainingFailures--;
            throw new TimeoutException("ticket system for customer c-42 unreachable");
        }
    }
}
