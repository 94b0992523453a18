using System.Security.Cryptography;
using TekUp.Security.Cryptography;
using TekUp.Security.DataClasses;

namespace TekUp.Security.Crypto.Tests.Envelopes;

/// <summary>
/// The worked example of docs/crypto-format.md, produced independently of .NET (Python's `cryptography` package,
/// AESGCM and hmac). It pins format version 1: these bytes must decrypt with every future release.
/// </summary>
public sealed class EnvelopeFormatVectorTests
{
    private const string EnvelopeHex =
        "01" +
        "0f8fad5bd9cb469fa16570867728950e" +
        "a0a1a2a3a4a5a6a7a8a9aaab" +
        "e14aabbdf8cd5d3a33b3c9ce70a305cc6708fe5129e28b5abff74fa68c5312d0" +
        "8e7d10412ae722c80d17ebb7" +
        "f277858c723802355554ab800337ea1e";

    private const string EnvelopeBase64Url =
        "AQ-PrVvZy0afoWVwhncolQ6goaKjpKWmp6ipqqvhSqu9-M1dOjOzyc5wowXMZwj-USnii1q_90-mjFMS0I59EEEq5yLIDRfrt_J3hYxyOAI1VVSrgAM36h4";

    private static readonly Guid KeyId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static readonly EncryptionContext Context = new("tenant-a", DataClass.Personal, "customers/42/email"u8.ToArray());

    private static AeadKey CreateKey() => new(KeyId, Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void Decrypt_DocumentedVector_GivesDocumentedPlaintext()
    {
        using var key = CreateKey();

        Assert.Equal("hello, world"u8.ToArray(), Envelope.Decrypt(key, Context, Convert.FromHexString(EnvelopeHex)));
    }

    [Fact]
    public void DecryptFromBase64Url_DocumentedVector_GivesDocumentedPlaintext()
    {
        using var key = CreateKey();

        Assert.Equal("hello, world"u8.ToArray(), Envelope.DecryptFromBase64Url(key, Context, EnvelopeBase64Url));
    }

    [Fact]
    public void TryReadKeyId_DocumentedVector_GivesDocumentedKeyId()
    {
        Assert.True(Envelope.TryReadKeyId(Convert.FromHexString(EnvelopeHex), out var keyId));
        Assert.Equal(KeyId, keyId);
    }

    [Fact]
    public void Encrypt_DocumentedKey_WritesDocumentedCommitment()
    {
        using var key = CreateKey();

        var envelope = Envelope.Encrypt(key, Context, "x"u8);

        Assert.Equal("e14aabbdf8cd5d3a33b3c9ce70a305cc6708fe5129e28b5abff74fa68c5312d0", Convert.ToHexStringLower(envelope.AsSpan(29, 32)));
    }

    [Fact]
    public void Decrypt_DocumentedVectorWithOtherContext_Throws()
    {
        using var key = CreateKey();
        var other = new EncryptionContext("tenant-a", DataClass.Financial, "customers/42/email"u8.ToArray());

        Assert.ThrowsAny<CryptographicException>(() => Envelope.Decrypt(key, other, Convert.FromHexString(EnvelopeHex)));
    }
}
