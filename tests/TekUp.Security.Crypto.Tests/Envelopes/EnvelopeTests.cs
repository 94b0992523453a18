using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using TekUp.Security.Cryptography;
using TekUp.Security.DataClasses;

namespace TekUp.Security.Crypto.Tests.Envelopes;

public sealed class EnvelopeTests : IDisposable
{
    private static readonly Guid KeyId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static readonly EncryptionContext Context = new("tenant-a", DataClass.Personal, "customers/42/email"u8.ToArray());

    private readonly byte[] _material = RandomNumberGenerator.GetBytes(32);
    private readonly AeadKey _key;

    public EnvelopeTests() => _key = new AeadKey(KeyId, _material);

    public void Dispose() => _key.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(1024)]
    [InlineData(65536)]
    public void Encrypt_ThenDecrypt_RoundTrips(int length)
    {
        var plaintext = RandomNumberGenerator.GetBytes(length);

        var envelope = Envelope.Encrypt(_key, Context, plaintext);

        Assert.Equal(length + Envelope.Overhead, envelope.Length);
        Assert.Equal(plaintext, Envelope.Decrypt(_key, Context, envelope));
    }

    [Fact]
    public void Encrypt_EmptyPlaintext_RoundTripsToEmpty()
    {
        var envelope = Envelope.Encrypt(_key, Context, ReadOnlySpan<byte>.Empty);

        Assert.Equal(Envelope.Overhead, envelope.Length);
        Assert.Empty(Envelope.Decrypt(_key, Context, envelope));
        Assert.Equal(0, Envelope.Decrypt(_key, Context, envelope, Span<byte>.Empty));
    }

    [Fact]
    public void Encrypt_16MiBPlaintext_RoundTrips()
    {
        var plaintext = RandomNumberGenerator.GetBytes(16 * 1024 * 1024);

        var envelope = Envelope.Encrypt(_key, Context, plaintext);

        Assert.Equal(plaintext, Envelope.Decrypt(_key, Context, envelope));
    }

    [Fact]
    public void Encrypt_SpanOverload_WritesExactLengthAndLeavesRestUntouched()
    {
        var plaintext = "hello"u8.ToArray();
        var destination = new byte[Envelope.GetCiphertextLength(plaintext.Length) + 10];
        destination.AsSpan().Fill(0xCC);

        var written = Envelope.Encrypt(_key, Context, plaintext, destination);

        Assert.Equal(plaintext.Length + Envelope.Overhead, written);
        Assert.All(destination[written..], b => Assert.Equal(0xCC, b));
        var output = new byte[Envelope.GetMaxPlaintextLength(written)];
        Assert.Equal(plaintext.Length, Envelope.Decrypt(_key, Context, destination.AsSpan(0, written), output));
        Assert.Equal(plaintext, output);
    }

    [Fact]
    public void Encrypt_SamePlaintextTwice_GivesDifferentEnvelopes()
    {
        var a = Envelope.Encrypt(_key, Context, "same"u8);
        var b = Envelope.Encrypt(_key, Context, "same"u8);

        Assert.NotEqual(a, b);
        Assert.False(a.AsSpan(17, 12).SequenceEqual(b.AsSpan(17, 12)), "nonces must differ");
    }

    [Fact]
    public void Encrypt_WritesDocumentedHeader()
    {
        var envelope = Envelope.Encrypt(_key, Context, "x"u8);

        Assert.Equal(Envelope.CurrentVersion, envelope[0]);
        Assert.Equal(KeyId, new Guid(envelope.AsSpan(1, 16), bigEndian: true));
        Assert.Equal("0f8fad5bd9cb469fa16570867728950e", Convert.ToHexStringLower(envelope.AsSpan(1, 16)));
        Assert.Equal(HMACSHA256.HashData(_material, "TekUp.Security/commitment/v1"u8), envelope.AsSpan(29, 32).ToArray());
    }

    [Fact]
    public void Decrypt_EnvelopeBuiltFromTheDocumentedFormat_Decrypts()
    {
        // Builds a v1 envelope by hand, exactly as docs/crypto-format.md describes, with bare AesGcm.
        var plaintext = "documented"u8.ToArray();
        var tenant = Encoding.UTF8.GetBytes(Context.TenantId);
        var caller = Context.CallerContext.ToArray();
        var header = new byte[61];
        header[0] = 1;
        KeyId.TryWriteBytes(header.AsSpan(1, 16), bigEndian: true, out _);
        RandomNumberGenerator.Fill(header.AsSpan(17, 12));
        HMACSHA256.HashData(_material, "TekUp.Security/commitment/v1"u8, header.AsSpan(29, 32));

        var aad = new List<byte>(header);
        aad.AddRange(BigEndian(tenant.Length));
        aad.AddRange(tenant);
        aad.AddRange(BigEndian((int)Context.DataClass));
        aad.AddRange(header.AsSpan(1, 16).ToArray());
        aad.AddRange(BigEndian(caller.Length));
        aad.AddRange(caller);

        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[16];
        using (var gcm = new AesGcm(_material, 16))
        {
            gcm.Encrypt(header.AsSpan(17, 12), plaintext, ciphertext, tag, aad.ToArray());
        }

        var envelope = header.Concat(ciphertext).Concat(tag).ToArray();

        Assert.Equal(plaintext, Envelope.Decrypt(_key, Context, envelope));

        static byte[] BigEndian(int value)
        {
            var bytes = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(bytes, value);
            return bytes;
        }
    }

    [Fact]
    public void Decrypt_EachByteFlipped_Throws()
    {
        var envelope = Envelope.Encrypt(_key, Context, RandomNumberGenerator.GetBytes(40));

        for (var i = 0; i < envelope.Length; i++)
        {
            foreach (var mask in new byte[] { 0x01, 0x80, 0xFF })
            {
                var tampered = envelope.ToArray();
                tampered[i] ^= mask;
                Assert.ThrowsAny<CryptographicException>(() => Envelope.Decrypt(_key, Context, tampered));
            }
        }
    }

    [Fact]
    public void Decrypt_TruncatedAtEveryLength_Throws()
    {
        var envelope = Envelope.Encrypt(_key, Context, RandomNumberGenerator.GetBytes(40));

        for (var length = 0; length < envelope.Length; length++)
        {
            var truncated = envelope.AsSpan(0, length).ToArray();
            Assert.ThrowsAny<CryptographicException>(() => Envelope.Decrypt(_key, Context, truncated));
            Assert.ThrowsAny<CryptographicException>(() => Envelope.Decrypt(_key, Context, truncated, new byte[64]));
        }
    }

    [Fact]
    public void Decrypt_ExtraTrailingByte_Throws()
    {
        var envelope = Envelope.Encrypt(_key, Context, "data"u8);
        var extended = envelope.Append((byte)0).ToArray();

        Assert.ThrowsAny<CryptographicException>(() => Envelope.Decrypt(_key, Context, extended));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(255)]
    public void Decrypt_UnknownVersion_Throws(byte version)
    {
        var envelope = Envelope.Encrypt(_key, Context, "data"u8);
        envelope[0] = version;

        var ex = Assert.ThrowsAny<CryptographicException>(() => Envelope.Decrypt(_key, Context, envelope));
        Assert.Contains("version", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_WrongTenant_Throws()
    {
        var envelope = Envelope.Encrypt(_key, Context, "data"u8);
        var other = new EncryptionContext("tenant-b", Context.DataClass, Context.CallerContext);

        Assert.ThrowsAny<CryptographicException>(() => Envelope.Decrypt(_key, other, envelope));
    }

    [Fact]
    public void Decrypt_WrongDataClass_Throws()
    {
        var envelope = Envelope.Encrypt(_key, Context, "data"u8);

        foreach (var dataClass in Enum.GetValues<DataClass>().Where(c => c != Context.DataClass))
        {
            var other = new EncryptionContext(Context.TenantId, dataClass, Context.CallerContext);
            Assert.ThrowsAny<CryptographicException>(() => Envelope.Decrypt(_key, other, envelope));
        }
    }

    [Fact]
    public void Decrypt_WrongCallerContext_Throws()
    {
        var envelope = Envelope.Encrypt(_key, Context, "data"u8);

        Assert.ThrowsAny<CryptographicException>(() => Envelope.Decrypt(_key, new EncryptionContext("tenant-a", DataClass.Personal, "customers/43/email"u8.ToArray()), envelope));
        Assert.ThrowsAny<CryptographicException>(() => Envelope.Decrypt(_key, new EncryptionContext("tenant-a", DataClass.Personal), envelope));
    }

    [Fact]
    public void Decrypt_NoCallerContextButSomeExpected_Throws()
    {
        var plain = new EncryptionContext("tenant-a", DataClass.Personal);
        var envelope = Envelope.Encrypt(_key, plain, "data"u8);

        Assert.Equal("data"u8.ToArray(), Envelope.Decrypt(_key, new EncryptionContext("tenant-a", DataClass.Personal, Array.Empty<byte>()), envelope));
        Assert.ThrowsAny<CryptographicException>(() => Envelope.Decrypt(_key, new EncryptionContext("tenant-a", DataClass.Personal, new byte[1]), envelope));
    }

    [Fact]
    public void Decrypt_TenantAndCallerContextBoundariesShifted_Throws()
    {
        // Length prefixes keep ("tenant-a", "bc") and ("tenant-ab", "c") apart.
        var envelope = Envelope.Encrypt(_key, new EncryptionContext("tenant-a", DataClass.General, "bc"u8.ToArray()), "data"u8);

        Assert.ThrowsAny<CryptographicException>(() => Envelope.Decrypt(_key, new EncryptionContext("tenant-ab", DataClass.General, "c"u8.ToArray()), envelope));
    }

    [Fact]
    public void Decrypt_DifferentKeyId_Throws()
    {
        var envelope = Envelope.Encrypt(_key, Context, "data"u8);
        using var other = new AeadKey(Guid.NewGuid(), _material);

        var ex = Assert.ThrowsAny<CryptographicException>(() => Envelope.Decrypt(other, Context, envelope));
        Assert.Contains("not encrypted under this key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_SameKeyIdDifferentMaterial_FailsKeyCommitment()
    {
        var envelope = Envelope.Encrypt(_key, Context, "data"u8);
        using var impostor = AeadKey.Generate(KeyId);

        var ex = Assert.ThrowsAny<CryptographicException>(() => Envelope.Decrypt(impostor, Context, envelope));
        Assert.Contains("not encrypted under this key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_AuthenticationFailure_ClearsDestination()
    {
        var envelope = Envelope.Encrypt(_key, Context, RandomNumberGenerator.GetBytes(32));
        envelope[70] ^= 1;
        var destination = new byte[32];
        destination.AsSpan().Fill(0xAB);

        Assert.ThrowsAny<CryptographicException>(() => Envelope.Decrypt(_key, Context, envelope, destination));
        Assert.All(destination, b => Assert.Equal(0, b));
    }

    [Fact]
    public void EncryptAndDecrypt_DisposedKey_ThrowObjectDisposed()
    {
        var envelope = Envelope.Encrypt(_key, Context, "data"u8);
        _key.Dispose();

        Assert.Throws<ObjectDisposedException>(() => Envelope.Encrypt(_key, Context, "data"u8));
        Assert.Throws<ObjectDisposedException>(() => Envelope.Encrypt(_key, Context, "data"u8, new byte[100]));
        Assert.Throws<ObjectDisposedException>(() => Envelope.Decrypt(_key, Context, envelope));
        Assert.Throws<ObjectDisposedException>(() => Envelope.Decrypt(_key, Context, envelope, new byte[100]));
        Assert.Throws<ObjectDisposedException>(() => Envelope.EncryptToBase64Url(_key, Context, "data"u8));
    }

    [Fact]
    public void EncryptAndDecrypt_DefaultContext_Throws()
    {
        var envelope = Envelope.Encrypt(_key, Context, "data"u8);

        Assert.Throws<ArgumentException>(() => Envelope.Encrypt(_key, default, "data"u8));
        Assert.Throws<ArgumentException>(() => Envelope.Decrypt(_key, default, envelope));
        Assert.Throws<ArgumentException>(() => Envelope.Decrypt(_key, default, envelope, new byte[100]));
    }

    [Fact]
    public void EncryptAndDecrypt_NullKey_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Envelope.Encrypt(null!, Context, "data"u8));
        Assert.Throws<ArgumentNullException>(() => Envelope.Decrypt(null!, Context, new byte[100]));
        Assert.Throws<ArgumentNullException>(() => Envelope.EncryptToBase64Url(null!, Context, "data"u8));
        Assert.Throws<ArgumentNullException>(() => Envelope.DecryptFromBase64Url(null!, Context, "AAAA"));
    }

    [Fact]
    public void Encrypt_DestinationTooShort_Throws()
    {
        var destination = new byte[Envelope.GetCiphertextLength(4) - 1];
        Assert.Throws<ArgumentException>(() => Envelope.Encrypt(_key, Context, "data"u8, destination));
    }

    [Fact]
    public void Decrypt_DestinationTooShort_Throws()
    {
        var envelope = Envelope.Encrypt(_key, Context, "data"u8);
        Assert.Throws<ArgumentException>(() => Envelope.Decrypt(_key, Context, envelope, new byte[3]));
    }

    [Fact]
    public void EncryptAndDecrypt_OverlappingBuffers_Throw()
    {
        var buffer = new byte[200];
        Assert.Throws<ArgumentException>(() => Envelope.Encrypt(_key, Context, buffer.AsSpan(0, 10), buffer.AsSpan(5)));

        var written = Envelope.Encrypt(_key, Context, "data"u8, buffer);
        Assert.Throws<ArgumentException>(() => Envelope.Decrypt(_key, Context, buffer.AsSpan(0, written), buffer.AsSpan(10)));
    }

    [Fact]
    public void TryReadKeyId_ValidEnvelope_ReturnsKeyId()
    {
        var envelope = Envelope.Encrypt(_key, Context, "data"u8);

        Assert.True(Envelope.TryReadKeyId(envelope, out var keyId));
        Assert.Equal(KeyId, keyId);
    }

    [Fact]
    public void TryReadKeyId_Garbage_ReturnsFalse()
    {
        var envelope = Envelope.Encrypt(_key, Context, "data"u8);
        envelope[0] = 0x7F;

        Assert.False(Envelope.TryReadKeyId(envelope, out var keyId));
        Assert.Equal(Guid.Empty, keyId);
        Assert.False(Envelope.TryReadKeyId(ReadOnlySpan<byte>.Empty, out _));
        Assert.False(Envelope.TryReadKeyId(new byte[Envelope.Overhead - 1], out _));
        Assert.False(Envelope.TryReadKeyId(new byte[Envelope.Overhead], out _));
        Assert.False(Envelope.TryReadKeyId("not an envelope at all, just some text of sufficient length to pass the length check"u8, out _));

        var random = new byte[500];
        for (var i = 0; i < 200; i++)
        {
            RandomNumberGenerator.Fill(random);
            random[0] = (byte)(random[0] == 1 ? 2 : random[0]);
            Assert.False(Envelope.TryReadKeyId(random, out _));
        }
    }

    [Fact]
    public void GetCiphertextLength_AddsOverhead()
    {
        Assert.Equal(77, Envelope.Overhead);
        Assert.Equal(77, Envelope.GetCiphertextLength(0));
        Assert.Equal(1024 + 77, Envelope.GetCiphertextLength(1024));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MaxValue - 76)]
    public void GetCiphertextLength_OutOfRange_Throws(int length)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Envelope.GetCiphertextLength(length));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(76, 0)]
    [InlineData(77, 0)]
    [InlineData(78, 1)]
    [InlineData(1101, 1024)]
    public void GetMaxPlaintextLength_SubtractsOverheadNeverNegative(int ciphertextLength, int expected)
    {
        Assert.Equal(expected, Envelope.GetMaxPlaintextLength(ciphertextLength));
    }

    [Fact]
    public void GetMaxPlaintextLength_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Envelope.GetMaxPlaintextLength(-1));
    }

    [Fact]
    public void EncryptToBase64Url_ThenDecrypt_RoundTrips()
    {
        var plaintext = RandomNumberGenerator.GetBytes(100);

        var text = Envelope.EncryptToBase64Url(_key, Context, plaintext);

        Assert.DoesNotContain('=', text);
        Assert.DoesNotContain('+', text);
        Assert.DoesNotContain('/', text);
        Assert.Equal(Envelope.GetCiphertextLength(100), Base64Url.DecodeFromChars(text).Length);
        Assert.Equal(plaintext, Envelope.DecryptFromBase64Url(_key, Context, text));
        Assert.Equal(plaintext, Envelope.Decrypt(_key, Context, Base64Url.DecodeFromChars(text)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("!!!!")]
    [InlineData("abc+def/")]
    [InlineData("A")]
    [InlineData("ümlaut")]
    public void DecryptFromBase64Url_Malformed_ThrowsCryptographicException(string text)
    {
        Assert.ThrowsAny<CryptographicException>(() => Envelope.DecryptFromBase64Url(_key, Context, text));
    }

    [Fact]
    public void DecryptFromBase64Url_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Envelope.DecryptFromBase64Url(_key, Context, null!));
    }

    [Fact]
    public void DecryptFromBase64Url_CharacterChanged_Throws()
    {
        var text = Envelope.EncryptToBase64Url(_key, Context, "data"u8);
        var chars = text.ToCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';

        Assert.ThrowsAny<CryptographicException>(() => Envelope.DecryptFromBase64Url(_key, Context, new string(chars)));
        Assert.ThrowsAny<CryptographicException>(() => Envelope.DecryptFromBase64Url(_key, Context, text[..^4]));
    }

    [Fact]
    public void EncryptAndDecrypt_ManyThreadsOneKey_AllRoundTrip()
    {
        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var plaintext = BitConverter.GetBytes(i);
            var context = new EncryptionContext("tenant-" + (i % 7), DataClass.General);
            var envelope = Envelope.Encrypt(_key, context, plaintext);
            Assert.Equal(plaintext, Envelope.Decrypt(_key, context, envelope));
        });
    }

    [Fact]
    public void Decrypt_WarmKey_DoesNotAllocate()
    {
        var plaintext = RandomNumberGenerator.GetBytes(1024);
        var envelope = new byte[Envelope.GetCiphertextLength(plaintext.Length)];
        var output = new byte[plaintext.Length];
        Envelope.Encrypt(_key, Context, plaintext, envelope);
        Envelope.Decrypt(_key, Context, envelope, output);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Envelope.Encrypt(_key, Context, plaintext, envelope);
            Envelope.Decrypt(_key, Context, envelope, output);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(plaintext, output);
    }

    [Fact]
    public void DecryptFromBase64Url_PaddingAndWhitespace_AreTolerated()
    {
        var text = Envelope.EncryptToBase64Url(_key, Context, "data"u8);
        var padded = text + new string('=', (4 - (text.Length % 4)) % 4);

        Assert.Equal("data"u8.ToArray(), Envelope.DecryptFromBase64Url(_key, Context, padded));
        Assert.Equal("data"u8.ToArray(), Envelope.DecryptFromBase64Url(_key, Context, text[..40] + "\r\n " + text[40..]));
    }

    [Fact]
    public async Task Encrypt_KeyDisposedWhileThreadsEncrypt_NeverProducesEnvelopeUnderZeroedMaterial()
    {
        var material = RandomNumberGenerator.GetBytes(32);
        var key = new AeadKey(KeyId, material);
        var envelopes = new System.Collections.Concurrent.ConcurrentBag<byte[]>();
        using var started = new CountdownEvent(4);

        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            started.Signal();
            while (true)
            {
                try
                {
                    envelopes.Add(Envelope.Encrypt(key, Context, "payload"u8));
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
            }
        })).ToArray();

        started.Wait();
        await Task.Delay(20);
        key.Dispose();
        await Task.WhenAll(workers);

        using var intact = new AeadKey(KeyId, material);
        Assert.NotEmpty(envelopes);
        Assert.All(envelopes, e => Assert.Equal("payload"u8.ToArray(), Envelope.Decrypt(intact, Context, e)));
    }
}
