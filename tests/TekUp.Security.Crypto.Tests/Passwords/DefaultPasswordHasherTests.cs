using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using TekUp.Security.Cryptography;
using BC = BCrypt.Net.BCrypt;

namespace TekUp.Security.Crypto.Tests.Passwords;

public sealed class DefaultPasswordHasherTests
{
    // Cost 10 (the minimum) keeps the suite fast; the format and the default are checked separately.
    private static DefaultPasswordHasher CreateHasher(int cost = 10) => new(Options.Create(new CryptoOptions { BcryptCost = cost }));

    [Fact]
    public void Hash_DefaultOptions_UsesCost12InDocumentedFormat()
    {
        var hasher = new DefaultPasswordHasher(Options.Create(new CryptoOptions()));

        var hash = hasher.Hash("correct horse battery staple");

        Assert.Matches(new Regex(@"^\$tekup-bcrypt\$v=1\$pre=sha384\$c=12\$\$2[aby]\$12\$[./A-Za-z0-9]{53}$"), hash);
        Assert.Equal(PasswordVerificationResult.Success, hasher.Verify("correct horse battery staple", hash));
    }

    [Fact]
    public void Hash_SamePasswordTwice_GivesDifferentHashes()
    {
        var hasher = CreateHasher();

        Assert.NotEqual(hasher.Hash("password-1"), hasher.Hash("password-1"));
    }

    [Fact]
    public void Verify_CorrectPassword_Succeeds()
    {
        var hasher = CreateHasher();
        var hash = hasher.Hash("Tr0ub4dor&3");

        Assert.Equal(PasswordVerificationResult.Success, hasher.Verify("Tr0ub4dor&3", hash));
    }

    [Theory]
    [InlineData("tr0ub4dor&3")]
    [InlineData("Tr0ub4dor&")]
    [InlineData("Tr0ub4dor&3 ")]
    [InlineData("")]
    public void Verify_WrongPassword_Fails(string candidate)
    {
        var hasher = CreateHasher();
        var hash = hasher.Hash("Tr0ub4dor&3");

        Assert.Equal(PasswordVerificationResult.Failed, hasher.Verify(candidate, hash));
    }

    [Fact]
    public void Verify_PasswordsLongerThan72BytesDifferingOnlyAtTheEnd_AreDistinguished()
    {
        var hasher = CreateHasher();
        var first = new string('x', 100) + "A";
        var second = new string('x', 100) + "B";

        var hash = hasher.Hash(first);

        Assert.Equal(PasswordVerificationResult.Success, hasher.Verify(first, hash));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.Verify(second, hash));

        // Control: plain bcrypt ignores everything after 72 bytes, which is what the pre-hash prevents.
        Assert.True(BC.Verify(second, BC.HashPassword(first, 4)));
    }

    [Fact]
    public void Verify_NonAsciiPassword_RoundTrips()
    {
        var hasher = CreateHasher();
        var password = "blåbærgrød-😀-" + new string('ø', 60);
        var hash = hasher.Hash(password);

        Assert.Equal(PasswordVerificationResult.Success, hasher.Verify(password, hash));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.Verify(password.Replace('ø', 'o'), hash));
    }

    [Fact]
    public void Verify_HashWithLowerCostThanConfigured_SucceedsWithRehashNeeded()
    {
        var hash = CreateHasher(10).Hash("password-1");
        var stronger = CreateHasher(11);

        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, stronger.Verify("password-1", hash));
        Assert.True(stronger.NeedsRehash(hash));
        Assert.Equal(PasswordVerificationResult.Failed, stronger.Verify("password-2", hash));
    }

    [Fact]
    public void Verify_HashWithHigherCostThanConfigured_SucceedsWithoutRehash()
    {
        var hash = CreateHasher(11).Hash("password-1");
        var weaker = CreateHasher(10);

        Assert.Equal(PasswordVerificationResult.Success, weaker.Verify("password-1", hash));
        Assert.False(weaker.NeedsRehash(hash));
    }

    public static TheoryData<string> MalformedHashes()
    {
        var valid = CreateHasher().Hash("password-1");
        var inner = valid[(valid.IndexOf("$$", StringComparison.Ordinal) + 1)..];
        return new TheoryData<string>
        {
            string.Empty,
            "x",
            "$",
            "password-1",
            inner,                                                        // bare bcrypt, no wrapper
            "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy", // a real bcrypt hash, unwrapped
            valid[..^1],                                                  // truncated
            valid + "A",                                                  // extended
            valid.Replace("v=1", "v=2", StringComparison.Ordinal),        // unknown version
            valid.Replace("pre=sha384", "pre=sha512", StringComparison.Ordinal),
            valid.Replace("tekup-bcrypt", "tekup-scrypt", StringComparison.Ordinal),
            valid.Replace("$c=10$", "$c=11$", StringComparison.Ordinal),  // outer and inner cost disagree
            valid.Replace("$c=10$", "$c=09$", StringComparison.Ordinal),  // below minimum
            valid.Replace("$c=10$", "$c=1x$", StringComparison.Ordinal),
            valid.Replace("$2a$", "$2q$", StringComparison.Ordinal).Replace("$2b$", "$2q$", StringComparison.Ordinal),
            valid[..^5] + "!!!!!",                                        // character outside bcrypt's alphabet
            valid[..^5] + "ææææ" + "a",
            valid.ToUpperInvariant(),
            new string('$', valid.Length),
        };
    }

    [Theory]
    [MemberData(nameof(MalformedHashes))]
    public void Verify_MalformedStoredHash_FailsWithoutThrowing(string storedHash)
    {
        var hasher = CreateHasher();

        Assert.Equal(PasswordVerificationResult.Failed, hasher.Verify("password-1", storedHash));
        Assert.True(hasher.NeedsRehash(storedHash));
    }

    [Fact]
    public void Verify_TamperedHashCharacter_Fails()
    {
        var hasher = CreateHasher();
        var hash = hasher.Hash("password-1");
        var chars = hash.ToCharArray();
        chars[^3] = chars[^3] == 'a' ? 'b' : 'a';

        Assert.Equal(PasswordVerificationResult.Failed, hasher.Verify("password-1", new string(chars)));
    }

    [Fact]
    public void Verify_PasswordWithLoneSurrogate_FailsWithoutThrowing()
    {
        var hasher = CreateHasher();
        var hash = hasher.Hash("password-1");

        Assert.Equal(PasswordVerificationResult.Failed, hasher.Verify("password-1" + '\ud800', hash));
    }

    [Fact]
    public void Verify_PasswordOverMaximumLength_Fails()
    {
        var hasher = CreateHasher();
        var hash = hasher.Hash("password-1");

        Assert.Equal(PasswordVerificationResult.Failed, hasher.Verify(new string('a', DefaultPasswordHasher.MaxPasswordLength + 1), hash));
    }

    [Fact]
    public void Verify_NullArguments_Throw()
    {
        var hasher = CreateHasher();

        Assert.Throws<ArgumentNullException>(() => hasher.Verify(null!, "x"));
        Assert.Throws<ArgumentNullException>(() => hasher.Verify("x", null!));
        Assert.Throws<ArgumentNullException>(() => hasher.NeedsRehash(null!));
    }

    [Fact]
    public void Hash_BadPassword_Throws()
    {
        var hasher = CreateHasher();

        Assert.Throws<ArgumentNullException>(() => hasher.Hash(null!));
        Assert.Throws<ArgumentException>(() => hasher.Hash(string.Empty));
        Assert.Throws<ArgumentException>(() => hasher.Hash(new string('a', DefaultPasswordHasher.MaxPasswordLength + 1)));
        Assert.Throws<ArgumentException>(() => hasher.Hash("abc" + '\udc00'));
    }

    [Fact]
    public void Hash_MaximumLengthPassword_RoundTrips()
    {
        var hasher = CreateHasher();
        var password = new string('p', DefaultPasswordHasher.MaxPasswordLength);

        Assert.Equal(PasswordVerificationResult.Success, hasher.Verify(password, hasher.Hash(password)));
    }

    [Fact]
    public void NeedsRehash_CurrentHash_IsFalse()
    {
        var hasher = CreateHasher();

        Assert.False(hasher.NeedsRehash(hasher.Hash("password-1")));
    }

    [Theory]
    [InlineData(9)]
    [InlineData(4)]
    [InlineData(0)]
    [InlineData(32)]
    public void Constructor_CostOutOfRange_Throws(int cost)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => CreateHasher(cost));
        Assert.Contains("BcryptCost", ex.Message, StringComparison.Ordinal);
    }
}
