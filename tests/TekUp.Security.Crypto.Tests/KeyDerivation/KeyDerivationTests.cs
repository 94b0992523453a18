using System.Security.Cryptography;
using TekUp.Security.Cryptography;

namespace TekUp.Security.Crypto.Tests.KeyDerivation;

public sealed class KeyDerivationTests
{
    private static readonly byte[] Secret = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void DeriveKey_MatchesHkdfSha256WithDocumentedInfoEncoding()
    {
        var key = new byte[32];

        Cryptography.KeyDerivation.DeriveKey(Secret, "TekUp.Security/jwt/v1", "tenant-a", key);

        byte[] info = [0, 0, 0, 21, .. "TekUp.Security/jwt/v1"u8, 0, 0, 0, 8, .. "tenant-a"u8];
        Assert.Equal(HKDF.DeriveKey(HashAlgorithmName.SHA256, Secret, 32, salt: [], info: info), key);
    }

    [Fact]
    public void DeriveKey_WithoutContext_EqualsEmptyContext()
    {
        var a = new byte[32];
        var b = new byte[32];

        Cryptography.KeyDerivation.DeriveKey(Secret, "purpose", a);
        Cryptography.KeyDerivation.DeriveKey(Secret, "purpose", string.Empty, b);

        Assert.Equal(a, b);
    }

    [Fact]
    public void DeriveKey_ShiftedBoundaryBetweenPurposeAndContext_GivesDifferentKeys()
    {
        var a = new byte[32];
        var b = new byte[32];

        Cryptography.KeyDerivation.DeriveKey(Secret, "jwt", "ab", a);
        Cryptography.KeyDerivation.DeriveKey(Secret, "jwta", "b", b);

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void DeriveKey_DifferentSecretPurposeOrContext_GiveDifferentKeys()
    {
        var baseline = Derive(Secret, "p", "c");

        Assert.Equal(baseline, Derive(Secret, "p", "c"));
        Assert.NotEqual(baseline, Derive(Secret, "q", "c"));
        Assert.NotEqual(baseline, Derive(Secret, "p", "d"));
        Assert.NotEqual(baseline, Derive(Secret.Select(b => (byte)(b ^ 1)).ToArray(), "p", "c"));

        static byte[] Derive(byte[] secret, string purpose, string context)
        {
            var key = new byte[32];
            Cryptography.KeyDerivation.DeriveKey(secret, purpose, context, key);
            return key;
        }
    }

    [Fact]
    public void DeriveKey_SecretShorterThan16Bytes_Throws()
    {
        Assert.Throws<ArgumentException>(() => Cryptography.KeyDerivation.DeriveKey(new byte[15], "p", new byte[32]));
        Cryptography.KeyDerivation.DeriveKey(new byte[16], "p", new byte[32]);
    }

    [Fact]
    public void DeriveKey_BadLabels_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => Cryptography.KeyDerivation.DeriveKey(Secret, null!, new byte[32]));
        Assert.Throws<ArgumentException>(() => Cryptography.KeyDerivation.DeriveKey(Secret, string.Empty, new byte[32]));
        Assert.Throws<ArgumentNullException>(() => Cryptography.KeyDerivation.DeriveKey(Secret, "p", null!, new byte[32]));
        Assert.Throws<ArgumentException>(() => Cryptography.KeyDerivation.DeriveKey(Secret, new string('p', 257), new byte[32]));
        Assert.Throws<ArgumentException>(() => Cryptography.KeyDerivation.DeriveKey(Secret, "p", new string('c', 257), new byte[32]));
        Assert.Throws<ArgumentException>(() => Cryptography.KeyDerivation.DeriveKey(Secret, "p" + '\ud800', new byte[32]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(255 * 32 + 1)]
    public void DeriveKey_DestinationLengthOutOfRange_Throws(int length)
    {
        Assert.Throws<ArgumentException>(() => Cryptography.KeyDerivation.DeriveKey(Secret, "p", new byte[length]));
    }
}
