using TekUp.Security.Auditing;

namespace TekUp.Security.Core.Tests.Auditing;

public sealed class AuditRecordValidationTests
{
    public static TheoryData<string, AuditRecord> BadRecords() => new()
    {
        { "empty event type", new AuditRecord { EventType = "" } },
        { "upper-case event type", new AuditRecord { EventType = "Key.Generated" } },
        { "event type with space", new AuditRecord { EventType = "key generated" } },
        { "event type ending in dot", new AuditRecord { EventType = "key." } },
        { "event type with empty segment", new AuditRecord { EventType = "key..generated" } },
        { "event type starting with digit", new AuditRecord { EventType = "1key.generated" } },
        { "event type too long", new AuditRecord { EventType = new string('a', 65) } },
        { "tenant id with slash", new AuditRecord { EventType = "key.generated", TenantId = "acme/other" } },
        { "empty tenant id", new AuditRecord { EventType = "key.generated", TenantId = "" } },
        { "tenant id too long", new AuditRecord { EventType = "key.generated", TenantId = new string('t', 65) } },
        { "actor too long", new AuditRecord { EventType = "key.generated", Actor = new string('a', 129) } },
        { "empty actor", new AuditRecord { EventType = "key.generated", Actor = "" } },
        { "subject too long", new AuditRecord { EventType = "key.generated", Subject = new string('s', 257) } },
        { "resource with newline", new AuditRecord { EventType = "key.generated", Resource = "keys/1\nforged line" } },
        { "resource with lone surrogate", new AuditRecord { EventType = "key.generated", Resource = "keys/\ud800" } },
        { "reason with space", new AuditRecord { EventType = "key.generated", Reason = "not allowed" } },
        { "undefined outcome", new AuditRecord { EventType = "key.generated", Outcome = (AuditOutcome)42 } },
        { "data key invalid", new AuditRecord { EventType = "key.generated", Data = new Dictionary<string, string> { ["bad key"] = "v" } } },
        { "data value too long", new AuditRecord { EventType = "key.generated", Data = new Dictionary<string, string> { ["k"] = new string('v', 1025) } } },
        { "data value null", new AuditRecord { EventType = "key.generated", Data = new Dictionary<string, string> { ["k"] = null! } } },
        { "too many data entries", new AuditRecord { EventType = "key.generated", Data = Enumerable.Range(0, 33).ToDictionary(i => $"k{i}", i => "v") } },
    };

    [Theory]
    [MemberData(nameof(BadRecords))]
    public async Task AppendAsync_BadRecord_ThrowsArgumentExceptionAndStoresNothing(string because, AuditRecord record)
    {
        await using var host = new AuditTestHost();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.Trail.AppendAsync(record).AsTask());

        Assert.StartsWith("Audit record ", error.Message, StringComparison.Ordinal);
        await host.Trail.FlushAsync();
        Assert.Empty(await host.AllAsync());
        Assert.NotNull(because);
    }

    [Fact]
    public async Task AppendAsync_NullRecord_ThrowsArgumentNull()
    {
        await using var host = new AuditTestHost();

        await Assert.ThrowsAsync<ArgumentNullException>(() => host.Trail.AppendAsync(null!).AsTask());
    }

    [Fact]
    public async Task AppendAsync_BadRecord_MessageDoesNotEchoTheValue()
    {
        await using var host = new AuditTestHost();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.Trail.AppendAsync(new AuditRecord
        {
            EventType = "gdpr.export",
            Subject = "secret-person@example.com\n",
        }).AsTask());

        Assert.DoesNotContain("secret-person", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("key.generated")]
    [InlineData("auth.failed")]
    [InlineData("audit")]
    [InlineData("gdpr.request.access_completed")]
    [InlineData("rbac.role-changed")]
    public async Task AppendAsync_GoodEventTypes_AreAccepted(string eventType)
    {
        await using var host = new AuditTestHost();

        await host.Trail.AppendAsync(new AuditRecord { EventType = eventType, Resource = "emoji 🔑 ok", Data = new Dictionary<string, string> { ["empty"] = "" } });
        await host.Trail.FlushAsync();

        Assert.Equal(eventType, Assert.Single(await host.AllAsync()).EventType);
    }

    [Fact]
    public async Task AppendAsync_CallerChangesDataAfterAppend_StoredEntryKeepsAppendedValues()
    {
        await using var host = new AuditTestHost();
        var data = new Dictionary<string, string> { ["k"] = "before" };

        await host.Trail.AppendAsync(new AuditRecord { EventType = "key.generated", Data = data });
        data["k"] = "after";
        await host.Trail.FlushAsync();

        Assert.Equal("before", Assert.Single(await host.AllAsync()).Data["k"]);
        Assert.True((await host.Trail.VerifyAsync()).IsValid);
    }
}
