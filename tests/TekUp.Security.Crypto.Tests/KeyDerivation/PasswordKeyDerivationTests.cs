using System.Security.Cryptography;
using System.Text.RegularExpressions;
using TekUp.Security.Cryptography;

namespace TekUp.Security.Crypto.Tests.KeyDerivation;

public sealed class PasswordKeyDerivationTests
{
    // Expected keys computed independently with Python's hashlib.pbkdf2_hmac.
    private const string KnownDescriptor = "$tekup-pbkdf2$v=1$h=sha256$i=600000$l=32$s=AAECAwQFBgcICQoLDA0ODw";

    [Fact]
    public void DeriveKey_KnownDescriptor_MatchesIndependentPbkdf2()
    {
        var key = new byte[32];

        PasswordKeyDerivation.DeriveKey("correct horse battery staple", KnownDescriptor, key);

        Assert.Equal("ef177144eec9420cbc1093d2a8b344a92bc506d0d4ec9c028dd19f8324d8c1e6", Convert.ToHexStringLower(key));
    }

    [Fact]
    public void DeriveKey_NonAsciiPasswordAndOtherParameters_MatchesIndependentPbkdf2()
    {
        var key = new byte[16];

        PasswordKeyDerivation.DeriveKey("blåbær", "$tekup-pbkdf2$v=1$h=sha256$i=600001$l=16$s=AAECAwQFBgcICQoLDA0ODw", key);

        Assert.Equal("4a9d6ea7655620e86a330078eb70af74", Convert.ToHexStringLower(key));
    }

    [Fact]
    public void DeriveNewKey_ThenDeriveKey_GivesSameKey_AndWrongPasswordDiffers()
    {
        var key = new byte[32];
        var descriptor = PasswordKeyDerivation.DeriveNewKey("passphrase for the export", key);

        Assert.Matches(new Regex(@"^\$tekup-pbkdf2\$v=1\$h=sha256\$i=600000\$l=32\$s=[A-Za-z0-9_-]{22}$"), descriptor);
        var again = new byte[32];
        PasswordKeyDerivation.DeriveKey("passphrase for the export", descriptor, again);
        Assert.Equal(key, again);

        var wrong = new byte[32];
        PasswordKeyDerivation.DeriveKey("passphrase for the expört", descriptor, wrong);
        Assert.NotEqual(key, wrong);
    }

    [Fact]
    public void DeriveNewKey_TwoCalls_UseDifferentSalts()
    {
        var a = new byte[16];
        var b = new byte[16];

        var first = PasswordKeyDerivation.DeriveNewKey("same password", a);
        var second = PasswordKeyDerivation.DeriveNewKey("same password", b);

        Assert.NotEqual(first, second);
        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100_000)]
    [InlineData(599_999)]
    [InlineData(10_000_001)]
    [InlineData(-1)]
    public void DeriveNewKey_IterationsOutOfRange_Throws(int iterations)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PasswordKeyDerivation.DeriveNewKey("pw", new byte[32], iterations));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(33)]
    [InlineData(64)]
    public void DeriveNewKey_KeyLengthOutOfRange_Throws(int length)
    {
        Assert.Throws<ArgumentException>(() => PasswordKeyDerivation.DeriveNewKey("pw", new byte[length]));
    }

    [Fact]
    public void DeriveNewKey_BadPassword_Throws()
    {
        Assert.Throws<ArgumentException>(() => PasswordKeyDerivation.DeriveNewKey(string.Empty, new byte[32]));
        Assert.Throws<ArgumentException>(() => PasswordKeyDerivation.DeriveNewKey(new string('a', 4097), new byte[32]));
        Assert.Throws<ArgumentException>(() => PasswordKeyDerivation.DeriveNewKey("a" + '\ud800', new byte[32]));
    }

    [Fact]
    public void DeriveKey_DestinationLengthDiffersFromDescriptor_Throws()
    {
        Assert.Throws<ArgumentException>(() => PasswordKeyDerivation.DeriveKey("pw", KnownDescriptor, new byte[16]));
    }

    [Fact]
    public void DeriveKey_NullDescriptor_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => PasswordKeyDerivation.DeriveKey("pw", null!, new byte[32]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("$tekup-pbkdf2$v=1$h=sha256$i=600000$l=32$s=")]
    [InlineData("$tekup-pbkdf2$v=2$h=sha256$i=600000$l=32$s=AAECAwQFBgcICQoLDA0ODw")]
    [InlineData("$tekup-pbkdf2$v=1$h=sha512$i=600000$l=32$s=AAECAwQFBgcICQoLDA0ODw")]
    [InlineData("$tekup-pbkdf2$v=1$h=sha256$i=1000$l=32$s=AAECAwQFBgcICQoLDA0ODw")]
    [InlineData("$tekup-pbkdf2$v=1$h=sha256$i=599999$l=32$s=AAECAwQFBgcICQoLDA0ODw")]
    [InlineData("$tekup-pbkdf2$v=1$h=sha256$i=99999999$l=32$s=AAECAwQFBgcICQoLDA0ODw")]
    [InlineData("$tekup-pbkdf2$v=1$h=sha256$i=0600000$l=32$s=AAECAwQFBgcICQoLDA0ODw")]
    [InlineData("$tekup-pbkdf2$v=1$h=sha256$i=+600000$l=32$s=AAECAwQFBgcICQoLDA0ODw")]
    [InlineData("$tekup-pbkdf2$v=1$h=sha256$i=600000$l=64$s=AAECAwQFBgcICQoLDA0ODw")]
    [InlineData("$tekup-pbkdf2$v=1$h=sha256$i=600000$l=8$s=AAECAwQFBgcICQoLDA0ODw")]
    [InlineData("$tekup-pbkdf2$v=1$h=sha256$i=600000$l=32$s=AAECAwQFBgcICQoLDA0OD")]
    [InlineData("$tekup-pbkdf2$v=1$h=sha256$i=600000$l=32$s=AAECAwQFBgcICQoLDA0ODw==")]
    [InlineData("$tekup-pbkdf2$v=1$h=sha256$i=600000$l=32$s=AAECAwQFBgcICQoLDA0OD!")]
    [InlineData("$tekup-pbkdf2$v=1$h=sha256$i=600000$l=32$s=AAECAwQFBgcICQoLDA0ODx")]
    [InlineData("$tekup-pbkdf2$v=1$h=sha256$i=600000$s=AAECAwQFBgcICQoLDA0ODw")]
    [InlineData("garbage")]
    public void DeriveKey_MalformedDescriptor_ThrowsCryptographicException(string descriptor)
    {
        Assert.Throws<CryptographicException>(() => PasswordKeyDerivation.DeriveKey("pw", descriptor, new byte[32]));
    }
}
