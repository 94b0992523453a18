namespace TekUp.Security.Cryptography;

/// <summary>The outcome of <see cref="IPasswordHasher.Verify"/>.</summary>
public enum PasswordVerificationResult
{
    /// <summary>
    /// The password does not match, or the stored hash is malformed or of an unknown scheme. Treat every
    /// <see cref="Failed"/> the same way towards the client.
    /// </summary>
    Failed = 0,

    /// <summary>The password matches and the stored hash uses the current parameters.</summary>
    Success = 1,

    /// <summary>
    /// The password matches, but the stored hash uses weaker parameters than configured: hash the password
    /// again with <see cref="IPasswordHasher.Hash"/> and store the new hash.
    /// </summary>
    SuccessRehashNeeded = 2,
}
