using System.Security.Cryptography;
using TekUp.Security.Gdpr.Tests.TestSupport;
using TekUp.Security.KeyManagement;

namespace TekUp.Security.Gdpr.Tests.SubjectKeys;

public sealed class SubjectKeyServiceTests
{
    private const string Tenant = GdprHarness.Tenant;

    [Fact]
    public async Task EncryptStringAsync_RoundTrips_AndUsesOneKeyPerSubject()
    {
        await using var host = new GdprHarness();

        var a = await host.SubjectKeys.EncryptStringAsync(Tenant, "c-1", "jens@example.dk", "customers/email");
        var b = await host.SubjectKeys.EncryptStringAsync(Tenant, "c-1", "other", "customers/email");
        var c = await host.SubjectKeys.EncryptStringAsync(Tenant, "c-2", "karen@example.dk", "customers/email");

        Assert.Equal("jens@example.dk", await host.SubjectKeys.DecryptStringAsync(Tenant, a, "customers/email"));
        Assert.Equal("karen@example.dk", await host.SubjectKeys.DecryptStringAsync(Tenant, c, "customers/email"));
        Assert.True(Cryptography.Envelope.TryReadKeyId(System.Buffers.Text.Base64Url.DecodeFromChars(a), out var keyA));
        Assert.True(Cryptography.Envelope.TryReadKeyId(System.Buffers.Text.Base64Url.DecodeFromChars(b), out var keyB));
        Assert.True(Cryptography.Envelope.TryReadKeyId(System.Buffers.Text.Base64Url.DecodeFromChars(c), out var keyC));
        Assert.Equal(keyA, keyB);
        Assert.NotEqual(keyA, keyC);
    }

    [Fact]
    public async Task DestroyAsync_SubjectKey_MakesEveryCopyUnreadableButNotOtherSubjects()
    {
        await using var host = new GdprHarness();
        var jens = await host.SubjectKeys.EncryptAsync(Tenant, "c-1", "jens"u8.ToArray());
        var backupCopy = jens.ToArray();
        var karen = await host.SubjectKeys.EncryptAsync(Tenant, "c-2", "karen"u8.ToArray());

        Assert.True(await host.SubjectKeys.DestroyAsync(Tenant, "c-1"));

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(() => host.SubjectKeys.DecryptAsync(Tenant, backupCopy));
        Assert.Equal(KeyUnavailableReason.Destroyed, ex.Reason);
        Assert.Equal("karen"u8.ToArray(), await host.SubjectKeys.DecryptAsync(Tenant, karen));
        Assert.False(await host.SubjectKeys.DestroyAsync(Tenant, "c-1"));
        Assert.Contains(await host.AuditAsync(), e => e.EventType == "gdpr.subject_key.destroyed");

        // A returning subject gets a new key; the old data stays unreadable.
        var fresh = await host.SubjectKeys.EncryptAsync(Tenant, "c-1", "new"u8.ToArray());
        Assert.Equal("new"u8.ToArray(), await host.SubjectKeys.DecryptAsync(Tenant, fresh));
        await Assert.ThrowsAsync<KeyUnavailableException>(() => host.SubjectKeys.DecryptAsync(Tenant, backupCopy));
    }

    [Fact]
    public async Task DecryptAsync_OtherTenantTamperedOrWrongContext_IsRefused()
    {
        await using var host = new GdprHarness();
        var ciphertext = await host.SubjectKeys.EncryptAsync(Tenant, "c-1", "x"u8.ToArray(), "ctx"u8.ToArray());

        var notFound = await Assert.ThrowsAsync<KeyUnavailableException>(() => host.SubjectKeys.DecryptAsync("other", ciphertext, "ctx"u8.ToArray()));
        Assert.Equal(KeyUnavailableReason.NotFound, notFound.Reason);
        await Assert.ThrowsAnyAsync<CryptographicException>(() => host.SubjectKeys.DecryptAsync(Tenant, ciphertext, "other"u8.ToArray()));
        var tampered = ciphertext.ToArray();
        tampered[^1] ^= 1;
        await Assert.ThrowsAnyAsync<CryptographicException>(() => host.SubjectKeys.DecryptAsync(Tenant, tampered, "ctx"u8.ToArray()));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => host.SubjectKeys.DecryptAsync(Tenant, new byte[3]));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => host.SubjectKeys.DecryptStringAsync(Tenant, "%%%"));
    }

    [Fact]
    public async Task SubjectKeyStore_HoldsOnlyWrappedMaterialUnderAPseudonym()
    {
        await using var host = new GdprHarness();
        var ciphertext = await host.SubjectKeys.EncryptAsync(Tenant, "jens@example.dk", "x"u8.ToArray());
        Cryptography.Envelope.TryReadKeyId(ciphertext, out var keyId);

        var stored = await host.Services.GetRequiredService<ISubjectKeyStore>().FindAsync(Tenant, keyId);

        Assert.NotNull(stored);
        Assert.DoesNotContain("jens", stored.SubjectReference, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(stored.WrappedKey);
        Assert.True(stored.WrappedKey.Length > 32);
    }
}
