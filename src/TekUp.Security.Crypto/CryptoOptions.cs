namespace TekUp.Security.Cryptography;

/// <summary>
/// Options of TekUp.Security.Crypto, bound from <c>TekUp:Security:Crypto</c> and validated at start.
/// </summary>
public sealed class CryptoOptions
{
    /// <summary>The configuration sub-section: <c>Crypto</c>.</summary>
    public const string SectionName = "Crypto";

    /// <summary>
    /// The bcrypt cost (log2 of the number of rounds) for new password hashes. Default 12; at least 10, at most 31.
    /// Raising it makes <see cref="IPasswordHasher.Verify"/> report <see cref="PasswordVerificationResult.SuccessRehashNeeded"/>
    /// for older hashes, so they are upgraded at the next sign-in. Each step doubles the time per hash
    /// (cost 12 is roughly 0.2-0.3 s on one core).
    /// </summary>
    public int BcryptCost { get; set; } = 12;
}
