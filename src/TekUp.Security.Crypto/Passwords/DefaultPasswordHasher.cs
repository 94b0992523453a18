using BCrypt.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TekUp.Security.Cryptography.Internal;
using BC = BCrypt.Net.BCrypt;

namespace TekUp.Security.Cryptography;

/// <summary>
/// bcrypt (BCrypt.Net-Next "enhanced" mode: the password is first hashed with SHA-384, so input beyond bcrypt's
/// 72-byte limit still counts) with the cost from <see cref="CryptoOptions.BcryptCost"/>, stored as
/// <c>$tekup-bcrypt$v=1$pre=sha384$c=12$$2a$12$...</c>. Thread-safe.
/// </summary>
public sealed class DefaultPasswordHasher : IPasswordHasher
{
    /// <summary>The longest password accepted: 4096 characters (bounds the work an attacker can request).</summary>
    public const int MaxPasswordLength = 4096;

    private readonly int _cost;
    private readonly ILogger _logger;

    /// <summary>Creates the hasher.</summary>
    /// <param name="options">The crypto options; they are validated here too, so a standalone instance cannot be weak.</param>
    /// <param name="logger">Optional logger for malformed stored hashes (never logs the hash).</param>
    /// <exception cref="OptionsValidationException">The options are invalid (for example a cost below 10).</exception>
    public DefaultPasswordHasher(IOptions<CryptoOptions> options, ILogger<DefaultPasswordHasher>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        var validation = new CryptoOptionsValidator().Validate(Options.DefaultName, value);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(CryptoOptions), validation.Failures);
        }

        _cost = value.BcryptCost;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc />
    public string Hash(string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        if (password.Length > MaxPasswordLength || !StrictUtf8.IsWellFormed(password))
        {
            throw Errors.Password(nameof(password), MaxPasswordLength);
        }

        return BcryptHashFormat.Format(_cost, BC.EnhancedHashPassword(password, _cost, HashType.SHA384));
    }

    /// <inheritdoc />
    public PasswordVerificationResult Verify(string password, string storedHash)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(storedHash);
        if (!BcryptHashFormat.TryParse(storedHash, out var cost, out var bcryptHash))
        {
            Log.MalformedPasswordHash(_logger, storedHash.Length, SchemeOf(storedHash));
            return PasswordVerificationResult.Failed;
        }

        if (password.Length is 0 or > MaxPasswordLength || !StrictUtf8.IsWellFormed(password))
        {
            return PasswordVerificationResult.Failed;
        }

        bool matches;
        try
        {
            matches = BC.EnhancedVerify(password, bcryptHash, HashType.SHA384);
        }
        catch (SaltParseException)
        {
            Log.MalformedPasswordHash(_logger, storedHash.Length, SchemeOf(storedHash));
            return PasswordVerificationResult.Failed;
        }

        if (!matches)
        {
            return PasswordVerificationResult.Failed;
        }

        return cost < _cost ? PasswordVerificationResult.SuccessRehashNeeded : PasswordVerificationResult.Success;
    }

    /// <inheritdoc />
    public bool NeedsRehash(string storedHash)
    {
        ArgumentNullException.ThrowIfNull(storedHash);

        // A higher cost than configured is kept: lowering the option never weakens stored hashes.
        return !BcryptHashFormat.TryParse(storedHash, out var cost, out _) || cost < _cost;
    }

    // Only the part before the first parameter, and only if it looks like a scheme name: never hash material.
    private static string SchemeOf(string storedHash)
    {
        if (storedHash.Length < 2 || storedHash[0] != '$')
        {
            return "(none)";
        }

        var end = storedHash.IndexOf('$', 1);
        var scheme = end < 0 ? string.Empty : storedHash[1..end];
        return scheme.Length is > 0 and <= 16 && scheme.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? scheme : "(unknown)";
    }
}
