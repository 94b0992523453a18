namespace TekUp.Security.Gdpr;

/// <summary>The outcome of an operation on a data-subject request: the request as stored, or why it was refused.</summary>
public sealed class DataSubjectRequestResult
{
    private DataSubjectRequestResult(DataSubjectRequest? request, DataSubjectRequestError? error)
    {
        Request = request;
        Error = error;
    }

    /// <summary>Whether the operation was carried out (or had already been: operations are idempotent).</summary>
    public bool Succeeded => Error is null;

    /// <summary>Why it was refused, when it was.</summary>
    public DataSubjectRequestError? Error { get; }

    /// <summary>The request as stored after the operation (also when refused, unless not found).</summary>
    public DataSubjectRequest? Request { get; }

    /// <summary>A successful result.</summary>
    /// <param name="request">The request as stored.</param>
    public static DataSubjectRequestResult Success(DataSubjectRequest request) => new(request ?? throw new ArgumentNullException(nameof(request)), null);

    /// <summary>A refusal.</summary>
    /// <param name="error">Why.</param>
    /// <param name="request">The request, when found.</param>
    public static DataSubjectRequestResult Refused(DataSubjectRequestError error, DataSubjectRequest? request = null) => new(request, error);

    /// <inheritdoc />
    public override string ToString() => Succeeded ? $"Succeeded ({Request!.Status})" : $"Refused ({Error})";
}
