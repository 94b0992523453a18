using TekUp.Security.Storage;

namespace TekUp.Security.Auditing;

/// <summary>
/// Another writer (another process or instance) extended the audit chain since this writer read its head. Nothing
/// was stored; the trail re-reads the head, re-chains the batch and retries.
/// </summary>
public sealed class AuditChainConflictException : TekUpStorageException
{
    /// <summary>Creates the exception.</summary>
    public AuditChainConflictException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AuditChainConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the provider's exception.</summary>
    public AuditChainConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The stored audit chain is damaged in a way the trail refuses to build on (a row that cannot be read, a head that
/// disagrees with the entries or does not verify). Run <see cref="IAuditTrail.VerifyAsync"/> to locate the damage.
/// </summary>
public sealed class AuditCorruptionException : TekUpStorageException
{
    /// <summary>Creates the exception.</summary>
    public AuditCorruptionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AuditCorruptionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the provider's exception.</summary>
    public AuditCorruptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception naming the damaged entry.</summary>
    /// <param name="sequence">The sequence number of the damaged entry.</param>
    /// <param name="message">What is wrong.</param>
    public AuditCorruptionException(long sequence, string message)
        : base(message)
    {
        Sequence = sequence;
    }

    /// <summary>The sequence number of the damaged entry, when one is known.</summary>
    public long? Sequence { get; }
}
