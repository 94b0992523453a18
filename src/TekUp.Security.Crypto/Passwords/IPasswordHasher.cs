namespace TekUp.Security.Cryptography;

/// <summary>
/// Hashes and verifies user passwords. The default implementation, <see cref="DefaultPasswordHasher"/>, uses bcrypt
/// with a SHA-384 pre-hash in a self-describing format (see <c>docs/crypto.md</c>).
/// </summary>
public interface IPasswordHasher
{
    /// <summary>Hashes a password with a fresh random salt and the configured parameters.</summary>
    /// <param name="password">The password: 1-4096 characters of well-formed UTF-16. Every character counts.</param>
    /// <returns>The self-describing hash to store.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="password"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The password is empty, longer than 4096 characters or not well-formed UTF-16.</exception>
    string Hash(string password);

    /// <summary>
    /// Checks a password against a stored hash. Never throws for a malformed, truncated or foreign stored hash:
    /// the result is then <see cref="PasswordVerificationResult.Failed"/>.
    /// </summary>
    /// <param name="password">The password the user entered.</param>
    /// <param name="storedHash">A hash produced by <see cref="Hash"/>.</param>
    /// <returns>Whether the password matches, and whether the hash should be replaced.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    PasswordVerificationResult Verify(string password, string storedHash);

    /// <summary>
    /// Whether a stored hash uses weaker parameters than the configured ones (or cannot be read), so that it should
    /// be replaced the next time the user's password is known.
    /// </summary>
    /// <param name="storedHash">A stored hash.</param>
    /// <returns><see langword="true"/> when the hash should be replaced.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="storedHash"/> is <see langword="null"/>.</exception>
    bool NeedsRehash(string storedHash);
}
