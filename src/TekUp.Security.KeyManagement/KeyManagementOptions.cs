using TekUp.Security.DataClasses;

namespace TekUp.Security.KeyManagement;

/// <summary>
/// Options of the KeyManagement module, bound from <c>TekUp:Security:KeyManagement</c> and validated at start
/// (every problem is listed in one message).
/// </summary>
public sealed class KeyManagementOptions
{
    /// <summary>The configuration sub-section the options are bound from: <c>KeyManagement</c>.</summary>
    public const string SectionName = "KeyManagement";

    /// <summary>
    /// The current master key for <see cref="LocalMasterKeyProvider"/>: 32 random bytes, base64. Takes precedence over
    /// the environment variable and the file. Default none. Prefer a secret store to plain configuration files.
    /// </summary>
    public string? MasterKey { get; set; }

    /// <summary>
    /// The environment variable read for the master key (base64) when <see cref="MasterKey"/> is not set.
    /// Default <c>TEKUP_MASTER_KEY</c>.
    /// </summary>
    public string MasterKeyEnvironmentVariable { get; set; } = "TEKUP_MASTER_KEY";

    /// <summary>
    /// A file holding master keys, one base64 key per line; the first is current, later lines are previous keys
    /// (lines starting with <c>#</c> are comments). Used when neither <see cref="MasterKey"/> nor the environment
    /// variable is set; keys in the file stay usable for unwrapping in any case. Default none.
    /// </summary>
    public string? MasterKeyFile { get; set; }

    /// <summary>
    /// Creates <see cref="MasterKeyFile"/> with a new random key when it does not exist. For development and demos
    /// only: the key is stored unprotected on disk, a warning is logged, and start-up fails when
    /// <see cref="TekUpSecurityOptions.RequireProductionKeys"/> is set. Default <see langword="false"/>.
    /// </summary>
    public bool GenerateMasterKeyFileIfMissing { get; set; }

    /// <summary>
    /// Earlier master keys (base64), kept to unwrap data keys wrapped before a master-key rotation until
    /// <see cref="IKeyManager.RotateKeyEncryptionKeyAsync"/> has rewrapped them. Default empty.
    /// </summary>
    public IList<string> PreviousMasterKeys { get; } = new List<string>();

    /// <summary>How long a general-data key stays active. Default 365 days.</summary>
    public TimeSpan GeneralRotationPeriod { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How long a personal-data key stays active. Default 90 days.</summary>
    public TimeSpan PersonalRotationPeriod { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How long a financial-data key stays active. Default 30 days.</summary>
    public TimeSpan FinancialRotationPeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a health-data key stays active. Default 30 days.</summary>
    public TimeSpan HealthRotationPeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How many encryptions a key performs before it is rotated. Default 2^30 (1,073,741,824), a quarter of the
    /// 2^32 random-nonce limit of AES-GCM (NIST SP 800-38D), which leaves room for the counts that instances have
    /// not persisted yet. At most 2^31.
    /// </summary>
    public long MaxKeyUses { get; set; } = 1L << 30;

    /// <summary>
    /// How many encryptions an instance counts in memory per key before it adds them to the stored use count
    /// (counts are also written at every cache sweep and on shutdown). A crash loses at most this many uses per
    /// key and instance. Default 1000.
    /// </summary>
    public int UseCountFlushThreshold { get; set; } = 1000;

    /// <summary>How many unwrapped keys an instance keeps in memory at most. Default 1000.</summary>
    public int CacheSize { get; set; } = 1000;

    /// <summary>
    /// How long an unwrapped key stays cached after it was loaded; then it is dropped and zeroed. This also bounds
    /// how long another instance keeps using a key that was rotated, revoked or destroyed elsewhere. Default 5 minutes.
    /// </summary>
    public TimeSpan CacheLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a key returned by <see cref="IKeyRing.GetActiveKeyAsync"/> or <see cref="IKeyRing.GetKeyAsync"/>
    /// stays usable after the call, although it may be dropped from the cache meanwhile; it is zeroed after that.
    /// Leases (<see cref="IKeyRing.LeaseActiveKeyAsync"/>) are not bounded by it. Default 1 minute.
    /// </summary>
    public TimeSpan KeyHandOutGracePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Runs <see cref="IKeyManager.RotateDueKeysAsync"/> periodically in a hosted background service (the host must
    /// run hosted services, as the generic host and ASP.NET Core do). Default <see langword="false"/>.
    /// </summary>
    public bool EnableBackgroundRotation { get; set; }

    /// <summary>How often the background service looks for due keys. Default 1 hour.</summary>
    public TimeSpan BackgroundRotationInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Set by <c>UseKeyEncryptionKeyProvider</c>: the master-key settings are then not required.
    /// </summary>
    internal bool UsesExternalKeyEncryptionKeyProvider { get; set; }

    /// <summary>Returns the rotation period of a data class.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dataClass"/> is not a defined value.</exception>
    public TimeSpan GetRotationPeriod(DataClass dataClass) => dataClass switch
    {
        DataClass.General => GeneralRotationPeriod,
        DataClass.Personal => PersonalRotationPeriod,
        DataClass.Financial => FinancialRotationPeriod,
        DataClass.Health => HealthRotationPeriod,
        _ => throw new ArgumentOutOfRangeException(nameof(dataClass), dataClass, "Unknown data class."),
    };
}
