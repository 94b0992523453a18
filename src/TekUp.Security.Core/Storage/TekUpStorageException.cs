namespace TekUp.Security.Storage;

/// <summary>A storage operation failed. Nothing was partially written; the operation can be retried.</summary>
public class TekUpStorageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TekUpStorageException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TekUpStorageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the provider's exception.</summary>
    public TekUpStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A record was changed by someone else since it was read (optimistic concurrency), or no longer exists.</summary>
public sealed class ConcurrencyException : TekUpStorageException
{
    /// <summary>Creates the exception.</summary>
    public ConcurrencyException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ConcurrencyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the provider's exception.</summary>
    public ConcurrencyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A record with the same unique key already exists.</summary>
public sealed class DuplicateRecordException : TekUpStorageException
{
    /// <summary>Creates the exception.</summary>
    public DuplicateRecordException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DuplicateRecordException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the provider's exception.</summary>
    public DuplicateRecordException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
