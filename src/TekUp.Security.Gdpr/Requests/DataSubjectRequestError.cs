namespace TekUp.Security.Gdpr;

/// <summary>Why an operation on a data-subject request was refused.</summary>
public enum DataSubjectRequestError
{
    /// <summary>The tenant has no request with that id.</summary>
    NotFound = 1,

    /// <summary>The request is not in a state that allows the operation (for example verifying a completed request).</summary>
    InvalidState = 2,

    /// <summary>The subject's identity is not verified yet.</summary>
    IdentityNotVerified = 3,

    /// <summary>The deadline was already extended once (Art. 12(3) allows one extension).</summary>
    ExtensionAlreadyGranted = 4,

    /// <summary>The extension is not between 1 and 2 months (Art. 12(3): by two further months at most).</summary>
    ExtensionTooLong = 5,

    /// <summary>The original deadline has passed: an extension must be recorded within the first month.</summary>
    ExtensionAfterDeadline = 6,

    /// <summary>An extension needs a recorded reason.</summary>
    ExtensionReasonRequired = 7,

    /// <summary>No registered source has that category, or the request has no task for it.</summary>
    UnknownSource = 8,

    /// <summary>The source's task has not failed: there is nothing to retry.</summary>
    NothingToRetry = 9,
}
