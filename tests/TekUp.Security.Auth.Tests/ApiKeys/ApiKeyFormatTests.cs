using System.Text.RegularExpressions;
using TekUp.Security.Auth.ApiKeys;

namespace TekUp.Security.Auth.Tests.ApiKeys;

public sealed class ApiKeyFormatTests
{
    // Computed outside .NET: format(zlib.crc32(key[:59].encode()), "08x").
    private const string KnownKey = "tk_0123456789abcdef0123456789abcdef0123456789abcdef01234567d7df67de";

    [Fact]
    public void Validate_KnownVector_IsValid()
    {
        Assert.Equal(ApiKeyFormatError.None, ApiKeyFormat.Validate(KnownKey));
    }

    [Fact]
    public void Generate_ManyKeys_AllValidDistinctAndMatchScannerPattern()
    {
        var keys = Enumerable.Range(0, 200).Select(_ => ApiKeyFormat.Generate()).ToList();

        Assert.All(keys, k =>
        {
            Assert.Equal(67, k.Length);
            Assert.True(ApiKeyFormat.IsValid(k));
            Assert.Matches(new Regex(ApiKeyFormat.ScannerPattern), k);
        });
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void ScannerPattern_FindsKeyInText()
    {
        var text = $"export TEKUP_KEY={KnownKey}\nother";

        var match = Regex.Match(text, ApiKeyFormat.ScannerPattern);

        Assert.Equal(KnownKey, match.Value);
    }

    [Theory]
    [InlineData("", ApiKeyFormatError.WrongLength)]
    [InlineData("tk_", ApiKeyFormatError.WrongLength)]
    [InlineData("tk_0123456789abcdef0123456789abcdef0123456789abcdef01234567d7df67d", ApiKeyFormatError.WrongLength)]
    [InlineData("tk_0123456789abcdef0123456789abcdef0123456789abcdef01234567d7df67de0", ApiKeyFormatError.WrongLength)]
    [InlineData("tx_0123456789abcdef0123456789abcdef0123456789abcdef01234567d7df67de", ApiKeyFormatError.WrongPrefix)]
    [InlineData("TK_0123456789abcdef0123456789abcdef0123456789abcdef01234567d7df67de", ApiKeyFormatError.WrongPrefix)]
    [InlineData("tk_0123456789ABCDEF0123456789abcdef0123456789abcdef01234567d7df67de", ApiKeyFormatError.InvalidCharacter)]
    [InlineData("tk_0123456789abcdef0123456789abcdef0123456789abcdef01234567D7DF67DE", ApiKeyFormatError.InvalidCharacter)]
    [InlineData(" tk_0123456789abcdef0123456789abcdef0123456789abcdef01234567d7df67d", ApiKeyFormatError.WrongPrefix)]
    [InlineData("tk_0123456789abcdef0123456789abcdef0123456789abcdef01234567d7df67 e", ApiKeyFormatError.InvalidCharacter)]
    [InlineData("tk_0123456789abcdef0123456789abcdef0123456789abcdef01234567d7df67d\n", ApiKeyFormatError.InvalidCharacter)]
    [InlineData("tk_0123456789abcdef0123456789abcdef0123456789abcdef01234567d7df67d\t", ApiKeyFormatError.InvalidCharacter)]
    [InlineData("tk_0123456789abcdef0123456789abcdef0123456789abcdef01234567d7df67d\u00e9", ApiKeyFormatError.InvalidCharacter)]
    [InlineData("tk_0123456789abcdef0123456789abcdef0123456789abcdef01234567d7df67d\uff10", ApiKeyFormatError.InvalidCharacter)]
    [InlineData("tk_0123456789abcdef0123456789abcdef0123456789abcdef01234567d7df67d\0", ApiKeyFormatError.InvalidCharacter)]
    [InlineData("tk_0123456789abcdef0123456789abcdef0123456789abcdef01234567d7df67df", ApiKeyFormatError.BadChecksum)]
    [InlineData("tk_1123456789abcdef0123456789abcdef0123456789abcdef01234567d7df67de", ApiKeyFormatError.BadChecksum)]
    [InlineData("tk_gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg", ApiKeyFormatError.InvalidCharacter)]
    public void Validate_BadInput_ReportsTheProblem(string key, ApiKeyFormatError expected)
    {
        Assert.Equal(expected, ApiKeyFormat.Validate(key));
    }

    [Fact]
    public void Validate_OneMebibyte_RefusedByLength()
    {
        var huge = "tk_" + new string('a', 1024 * 1024);

        Assert.Equal(ApiKeyFormatError.WrongLength, ApiKeyFormat.Validate(huge));
    }

    [Fact]
    public void Validate_SixtySevenRandomCharacters_Refused()
    {
        var sixtySeven = new string('x', 67);

        Assert.NotEqual(ApiKeyFormatError.None, ApiKeyFormat.Validate(sixtySeven));
    }

    [Fact]
    public void Validate_EverySingleCharacterTypo_IsCaught()
    {
        // CRC-32 detects every single-character substitution, so a mistyped key never reaches the store.
        var key = ApiKeyFormat.Generate().ToCharArray();
        for (var i = 3; i < key.Length; i++)
        {
            var original = key[i];
            key[i] = original == 'a' ? 'b' : 'a';
            Assert.NotEqual(ApiKeyFormatError.None, ApiKeyFormat.Validate(key));
            key[i] = original;
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("tk_0123456789ABCDEF0123456789abcdef0123456789abcdef01234567d7df67de")]
    [InlineData("tk_0123456789abcdef0123456789abcdef0123456789abcdef01234567d7df67df")]
    public void Validate_MalformedKey_DoesNotAllocate(string key)
    {
        ApiKeyFormat.Validate(key);
        var before = GC.GetAllocatedBytesForCurrentThread();

        for (var i = 0; i < 100; i++)
        {
            ApiKeyFormat.Validate(key);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
