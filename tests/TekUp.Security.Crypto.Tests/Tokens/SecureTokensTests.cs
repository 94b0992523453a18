using System.Text.RegularExpressions;
using TekUp.Security.Cryptography;

namespace TekUp.Security.Crypto.Tests.Tokens;

public sealed class SecureTokensTests
{
    [Fact]
    public void CreateBase64Url_Default_Is43UrlSafeCharacters()
    {
        var token = SecureTokens.CreateBase64Url();

        Assert.Matches(new Regex("^[A-Za-z0-9_-]{43}$"), token);
    }

    [Theory]
    [InlineData(16, 22)]
    [InlineData(17, 23)]
    [InlineData(1024, 1366)]
    public void CreateBase64Url_ByteCount_GivesExpectedLength(int bytes, int characters)
    {
        Assert.Equal(characters, SecureTokens.CreateBase64Url(bytes).Length);
    }

    [Fact]
    public void CreateHex_Default_Is64LowercaseHexCharacters()
    {
        Assert.Matches(new Regex("^[0-9a-f]{64}$"), SecureTokens.CreateHex());
        Assert.Equal(32, SecureTokens.CreateHex(16).Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(1025)]
    [InlineData(-1)]
    public void Create_ByteCountOutOfRange_Throws(int bytes)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SecureTokens.CreateBase64Url(bytes));
        Assert.Throws<ArgumentOutOfRangeException>(() => SecureTokens.CreateHex(bytes));
    }

    [Fact]
    public void Create_ManyTokens_AreAllDistinct()
    {
        var tokens = Enumerable.Range(0, 10_000).Select(_ => SecureTokens.CreateBase64Url(16)).ToHashSet();
        Assert.Equal(10_000, tokens.Count);
    }

    [Fact]
    public void FixedTimeEquals_Strings_ComparesOrdinally()
    {
        var token = SecureTokens.CreateBase64Url();
        var copy = new string(token.AsSpan());

        Assert.True(SecureTokens.FixedTimeEquals(token, copy));
        Assert.False(SecureTokens.FixedTimeEquals(token, token[..^1] + (token[^1] == 'A' ? 'B' : 'A')));
        Assert.False(SecureTokens.FixedTimeEquals(token, token[..^1]));
        Assert.False(SecureTokens.FixedTimeEquals("abc", "ABC"));
        Assert.False(SecureTokens.FixedTimeEquals("e\u0301", "\u00e9"));
        Assert.True(SecureTokens.FixedTimeEquals(string.Empty, string.Empty));
    }

    [Fact]
    public void FixedTimeEquals_Null_NeverEquals()
    {
        Assert.False(SecureTokens.FixedTimeEquals((string?)null, null));
        Assert.False(SecureTokens.FixedTimeEquals(null, "x"));
        Assert.False(SecureTokens.FixedTimeEquals("x", null));
    }

    [Fact]
    public void FixedTimeEquals_Spans_ComparesContent()
    {
        Assert.True(SecureTokens.FixedTimeEquals("abc".AsSpan(), "abc".AsSpan()));
        Assert.False(SecureTokens.FixedTimeEquals("abc".AsSpan(), "abd".AsSpan()));
        Assert.True(SecureTokens.FixedTimeEquals("secret"u8, "secret"u8));
        Assert.False(SecureTokens.FixedTimeEquals("secret"u8, "secreT"u8));
        Assert.False(SecureTokens.FixedTimeEquals("secret"u8, "secre"u8));
    }
}
