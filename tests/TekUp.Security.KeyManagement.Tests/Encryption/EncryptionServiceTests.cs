using System.Security.Cryptography;
using System.Text;
using TekUp.Security.Cryptography;
using TekUp.Security.DataClasses;
using TekUp.Security.KeyManagement.Tests.TestSupport;

namespace TekUp.Security.KeyManagement.Tests.Encryption;

public sealed class EncryptionServiceTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("Jens Hansen, CPR 010203-1234");

    [Fact]
    public async Task EncryptAsync_ThenDecryptAsync_ReturnsThePlaintext()
    {
        await using var host = TestHost.Create();

        var ciphertext = await host.Encryption.EncryptAsync("tenant-a", DataClass.Personal, Secret, "customers/42"u8.ToArray());
        var plaintext = await host.Encryption.DecryptAsync("tenant-a", DataClass.Personal, ciphertext, "customers/42"u8.ToArray());

        Assert.Equal(Secret, plaintext);
        Assert.Equal(Envelope.GetCiphertextLength(Secret.Length), ciphertext.Length);
    }

    [Fact]
    public async Task EncryptAsync_EmptyAndLargePlaintext_RoundTrip()
    {
        await using var host = TestHost.Create();
        var large = RandomNumberGenerator.GetBytes(16 * 1024 * 1024);

        var empty = await host.Encryption.EncryptAsync("tenant-a", DataClass.General, ReadOnlyMemory<byte>.Empty);
        var big = await host.Encryption.EncryptAsync("tenant-a", DataClass.General, large);

        Assert.Empty(await host.Encryption.DecryptAsync("tenant-a", DataClass.General, empty));
        Assert.Equal(large, await host.Encryption.DecryptAsync("tenant-a", DataClass.General, big));
    }

    [Fact]
    public async Task DecryptAsync_OtherTenantsRecord_IsRefusedAsNotFound()
    {
        await using var host = TestHost.Create();
        await host.Encryption.EncryptAsync("tenant-b", DataClass.Personal, Secret);
        var recordOfA = await host.Encryption.EncryptAsync("tenant-a", DataClass.Personal, Secret);

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(async () => await host.Encryption.DecryptAsync("tenant-b", DataClass.Personal, recordOfA));

        Assert.Equal(KeyUnavailableReason.NotFound, ex.Reason);
        Assert.Equal("tenant-b", ex.TenantId);
    }

    [Fact]
    public async Task DecryptAsync_OtherTenantsKeyForcedIntoTheEnvelope_FailsAuthentication()
    {
        await using var host = TestHost.Create();
        var recordOfA = await host.Encryption.EncryptAsync("tenant-a", DataClass.Personal, Secret);
        var keyOfB = await host.Ring.GetActiveKeyAsync("tenant-b", DataClass.Personal);

        // Even handed tenant B's key directly, A's record does not open: the key id and commitment differ.
        Assert.ThrowsAny<CryptographicException>(() => Envelope.Decrypt(keyOfB, new EncryptionContext("tenant-b", DataClass.Personal), recordOfA));
    }

    [Fact]
    public async Task DecryptAsync_WrongDataClass_IsRefused()
    {
        await using var host = TestHost.Create();
        var ciphertext = await host.Encryption.EncryptAsync("tenant-a", DataClass.Personal, Secret);

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(async () => await host.Encryption.DecryptAsync("tenant-a", DataClass.Financial, ciphertext));

        Assert.Equal(KeyUnavailableReason.NotFound, ex.Reason);
    }

    [Fact]
    public async Task DecryptAsync_WrongCallerContext_ThrowsCryptographicException()
    {
        await using var host = TestHost.Create();
        var ciphertext = await host.Encryption.EncryptAsync("tenant-a", DataClass.Personal, Secret, "customers/42"u8.ToArray());

        await Assert.ThrowsAsync<CryptographicException>(async () => await host.Encryption.DecryptAsync("tenant-a", DataClass.Personal, ciphertext, "customers/43"u8.ToArray()));
    }

    [Fact]
    public async Task DecryptAsync_AnyByteFlipped_ThrowsCryptographicException()
    {
        await using var host = TestHost.Create();
        var ciphertext = await host.Encryption.EncryptAsync("tenant-a", DataClass.Personal, Secret);

        for (var i = 0; i < ciphertext.Length; i++)
        {
            var tampered = (byte[])ciphertext.Clone();
            tampered[i] ^= 0x01;
            await Assert.ThrowsAnyAsync<CryptographicException>(async () => await host.Encryption.DecryptAsync("tenant-a", DataClass.Personal, tampered));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(76)]
    public async Task DecryptAsync_TruncatedOrEmpty_ThrowsCryptographicException(int length)
    {
        await using var host = TestHost.Create();
        var ciphertext = await host.Encryption.EncryptAsync("tenant-a", DataClass.Personal, Secret);

        await Assert.ThrowsAnyAsync<CryptographicException>(async () => await host.Encryption.DecryptAsync("tenant-a", DataClass.Personal, ciphertext.AsMemory(0, length)));
    }

    [Fact]
    public async Task DecryptAsync_UnknownVersion_ThrowsCryptographicException()
    {
        await using var host = TestHost.Create();
        var ciphertext = await host.Encryption.EncryptAsync("tenant-a", DataClass.Personal, Secret);
        ciphertext[0] = 0x7F;

        await Assert.ThrowsAnyAsync<CryptographicException>(async () => await host.Encryption.DecryptAsync("tenant-a", DataClass.Personal, ciphertext));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("$platform")]
    [InlineData("x123456789x123456789x123456789x123456789x123456789x123456789x12345")]
    public async Task EncryptAsync_MalformedTenantId_ThrowsArgumentException(string tenantId)
    {
        await using var host = TestHost.Create();

        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await host.Encryption.EncryptAsync(tenantId, DataClass.Personal, Secret));
    }

    [Fact]
    public async Task EncryptAsync_NullTenantOrUndefinedClass_ThrowsArgumentException()
    {
        await using var host = TestHost.Create();

        await Assert.ThrowsAsync<ArgumentNullException>(async () => await host.Encryption.EncryptAsync(null!, DataClass.Personal, Secret));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await host.Encryption.EncryptAsync("tenant-a", (DataClass)99, Secret));
    }

    [Fact]
    public async Task EncryptToBase64UrlAsync_RoundTripsAndRejectsBadText()
    {
        await using var host = TestHost.Create();

        var text = await host.Encryption.EncryptToBase64UrlAsync("tenant-a", DataClass.Financial, Secret);

        Assert.DoesNotContain('=', text);
        Assert.Equal(Secret, await host.Encryption.DecryptFromBase64UrlAsync("tenant-a", DataClass.Financial, text));
        await Assert.ThrowsAnyAsync<CryptographicException>(async () => await host.Encryption.DecryptFromBase64UrlAsync("tenant-a", DataClass.Financial, "not*base64url"));
    }

    [Fact]
    public async Task ReEncryptAsync_AfterRotation_MovesToTheNewestKey()
    {
        await using var host = TestHost.Create();
        var old = await host.Encryption.EncryptAsync("tenant-a", DataClass.Personal, Secret, "c/1"u8.ToArray());
        Envelope.TryReadKeyId(old, out var oldKeyId);
        var rotated = await host.Manager.RotateAsync("tenant-a", DataClass.Personal);

        var result = await host.Encryption.ReEncryptAsync("tenant-a", DataClass.Personal, old, "c/1"u8.ToArray());

        Assert.True(result.IsChanged);
        Assert.Equal(oldKeyId, result.PreviousKeyId);
        Assert.Equal(rotated.KeyId, result.KeyId);
        Envelope.TryReadKeyId(result.Ciphertext.Span, out var newKeyId);
        Assert.Equal(rotated.KeyId, newKeyId);
        Assert.Equal(Secret, await host.Encryption.DecryptAsync("tenant-a", DataClass.Personal, result.Ciphertext, "c/1"u8.ToArray()));
    }

    [Fact]
    public async Task ReEncryptAsync_AlreadyUnderTheActiveKey_ReturnsItUnchanged()
    {
        await using var host = TestHost.Create();
        var current = await host.Encryption.EncryptAsync("tenant-a", DataClass.Personal, Secret);

        var result = await host.Encryption.ReEncryptAsync("tenant-a", DataClass.Personal, current);

        Assert.False(result.IsChanged);
        Assert.Equal(current, result.Ciphertext.ToArray());
    }

    [Fact]
    public async Task ReEncryptAsync_TamperedCiphertextUnderTheActiveKey_IsStillAuthenticated()
    {
        await using var host = TestHost.Create();
        var current = await host.Encryption.EncryptAsync("tenant-a", DataClass.Personal, Secret);
        current[^1] ^= 0x01;

        await Assert.ThrowsAnyAsync<CryptographicException>(async () => await host.Encryption.ReEncryptAsync("tenant-a", DataClass.Personal, current));
    }

    [Fact]
    public async Task ReEncryptBase64UrlAsync_AfterRotation_GivesTextUnderTheNewKey()
    {
        await using var host = TestHost.Create();
        var old = await host.Encryption.EncryptToBase64UrlAsync("tenant-a", DataClass.Health, Secret);
        await host.Manager.RotateAsync("tenant-a", DataClass.Health);

        var result = await host.Encryption.ReEncryptBase64UrlAsync("tenant-a", DataClass.Health, old);

        Assert.True(result.IsChanged);
        Assert.Equal(Secret, await host.Encryption.DecryptFromBase64UrlAsync("tenant-a", DataClass.Health, result.ToBase64Url()));
    }

    [Fact]
    public async Task EncryptAsync_UseCounts_ArePersistedInBatches()
    {
        await using var host = TestHost.Create(configure: o => o.UseCountFlushThreshold = 10);
        for (var i = 0; i < 25; i++)
        {
            await host.Encryption.EncryptAsync("tenant-a", DataClass.General, Secret);
        }

        var key = Assert.Single(await host.Manager.ListKeysAsync("tenant-a"));
        Assert.Equal(20, key.UseCount);

        await host.DefaultRing.SweepAsync();

        Assert.Equal(25, Assert.Single(await host.Manager.ListKeysAsync("tenant-a")).UseCount);
    }

    [Fact]
    public async Task EncryptAsync_ReachingMaxKeyUses_RotatesTheKey()
    {
        await using var host = TestHost.Create(configure: o =>
        {
            o.MaxKeyUses = 20;
            o.UseCountFlushThreshold = 10;
        });
        var first = await host.Encryption.EncryptAsync("tenant-a", DataClass.General, Secret);
        for (var i = 0; i < 19; i++)
        {
            await host.Encryption.EncryptAsync("tenant-a", DataClass.General, Secret);
        }

        var next = await host.Encryption.EncryptAsync("tenant-a", DataClass.General, Secret);

        Envelope.TryReadKeyId(first, out var firstKey);
        Envelope.TryReadKeyId(next, out var nextKey);
        Assert.NotEqual(firstKey, nextKey);
        var keys = await host.Manager.ListKeysAsync("tenant-a");
        Assert.Equal(DataKeyState.Rotated, keys.Single(k => k.KeyId == firstKey).State);
        Assert.Single(host.Audit.OfType("key.rotated"), r => r.Reason == "use_count");
        Assert.Equal(Secret, await host.Encryption.DecryptAsync("tenant-a", DataClass.General, first));
    }
}
