using System.Security.Cryptography;
using TekUp.Security.Cryptography;

namespace TekUp.Security.Crypto.Tests.Envelopes;

public sealed class AeadKeyTests
{
    private static readonly Guid KeyId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void Constructor_MaterialNot32Bytes_Throws(int length)
    {
        var ex = Assert.Throws<ArgumentException>(() => new AeadKey(KeyId, new byte[length]));
        Assert.Equal("keyMaterial", ex.ParamName);
    }

    [Fact]
    public void Constructor_EmptyKeyId_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new AeadKey(Guid.Empty, new byte[32]));
        Assert.Equal("keyId", ex.ParamName);
    }

    [Fact]
    public void Constructor_CopiesMaterial_LaterChangesToSourceDoNotAffectKey()
    {
        var material = RandomNumberGenerator.GetBytes(32);
        var expected = material.ToArray();
        using var key = new AeadKey(KeyId, material);
        material.AsSpan().Clear();

        var copy = new byte[32];
        key.CopyMaterialTo(copy);
        Assert.Equal(expected, copy);
    }

    [Fact]
    public void Generate_TwoKeys_HaveDifferentMaterialAndGivenId()
    {
        using var a = AeadKey.Generate(KeyId);
        using var b = AeadKey.Generate(KeyId);
        var ma = new byte[32];
        var mb = new byte[32];
        a.CopyMaterialTo(ma);
        b.CopyMaterialTo(mb);

        Assert.Equal(KeyId, a.KeyId);
        Assert.NotEqual(ma, mb);
        Assert.NotEqual(new byte[32], ma);
    }

    [Fact]
    public void Generate_EmptyKeyId_Throws()
    {
        Assert.Throws<ArgumentException>(() => AeadKey.Generate(Guid.Empty));
    }

    [Fact]
    public void CopyMaterialTo_DestinationTooShort_Throws()
    {
        using var key = AeadKey.Generate(KeyId);
        Assert.Throws<ArgumentException>(() => key.CopyMaterialTo(new byte[31]));
    }

    [Fact]
    public void CopyMaterialTo_LongerDestination_WritesFirst32BytesOnly()
    {
        var material = RandomNumberGenerator.GetBytes(32);
        using var key = new AeadKey(KeyId, material);
        var destination = new byte[40];
        destination.AsSpan().Fill(0xAA);

        key.CopyMaterialTo(destination);

        Assert.Equal(material, destination[..32]);
        Assert.All(destination[32..], b => Assert.Equal(0xAA, b));
    }

    [Fact]
    public void DeriveSubkey_MatchesHkdfSha256WithPurposeAsInfo()
    {
        var material = RandomNumberGenerator.GetBytes(32);
        using var key = new AeadKey(KeyId, material);
        var purpose = "TekUp.Security/jwt/v1/tenant-a"u8.ToArray();

        var subkey = new byte[32];
        key.DeriveSubkey(purpose, subkey);

        Assert.Equal(HKDF.DeriveKey(HashAlgorithmName.SHA256, material, 32, salt: [], info: purpose), subkey);
        Assert.NotEqual(material, subkey);
    }

    [Fact]
    public void DeriveSubkey_DifferentPurposes_GiveDifferentSubkeys()
    {
        using var key = AeadKey.Generate(KeyId);
        var a = new byte[32];
        var b = new byte[32];
        var again = new byte[32];

        key.DeriveSubkey("purpose-a"u8, a);
        key.DeriveSubkey("purpose-b"u8, b);
        key.DeriveSubkey("purpose-a"u8, again);

        Assert.NotEqual(a, b);
        Assert.Equal(a, again);
    }

    [Fact]
    public void DeriveSubkey_EmptyPurpose_Throws()
    {
        using var key = AeadKey.Generate(KeyId);
        Assert.Throws<ArgumentException>(() => key.DeriveSubkey(ReadOnlySpan<byte>.Empty, new byte[32]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(255 * 32 + 1)]
    public void DeriveSubkey_DestinationLengthOutOfRange_Throws(int length)
    {
        using var key = AeadKey.Generate(KeyId);
        Assert.Throws<ArgumentException>(() => key.DeriveSubkey("p"u8, new byte[length]));
    }

    [Fact]
    public void DeriveSubkey_MaximumLength_Succeeds()
    {
        using var key = AeadKey.Generate(KeyId);
        var destination = new byte[AeadKey.MaxSubkeySizeInBytes];
        key.DeriveSubkey("p"u8, destination);
        Assert.Contains(destination, b => b != 0);
    }

    [Fact]
    public void Dispose_ThenUse_ThrowsObjectDisposed()
    {
        var key = AeadKey.Generate(KeyId);
        Assert.False(key.IsDisposed);

        key.Dispose();

        Assert.True(key.IsDisposed);
        Assert.Equal(KeyId, key.KeyId);
        Assert.Throws<ObjectDisposedException>(() => key.DeriveSubkey("p"u8, new byte[32]));
        Assert.Throws<ObjectDisposedException>(() => key.CopyMaterialTo(new byte[32]));
    }

    [Fact]
    public void Dispose_Twice_IsHarmless()
    {
        var key = AeadKey.Generate(KeyId);
        key.Dispose();
        key.Dispose();
        Assert.True(key.IsDisposed);
    }

    [Fact]
    public void Dispose_ZeroesMaterial()
    {
        var key = AeadKey.Generate(KeyId);
        var field = typeof(AeadKey).GetField("_material", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        var material = (byte[])field.GetValue(key)!;
        Assert.Contains(material, b => b != 0);

        key.Dispose();

        Assert.All(material, b => Assert.Equal(0, b));
    }
}
