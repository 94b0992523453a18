namespace TekUp.Security.Gdpr;

/// <summary>The state of one personal-data source within a request.</summary>
public enum SourceTaskStatus
{
    /// <summary>Not run yet.</summary>
    Pending = 1,

    /// <summary>Done.</summary>
    Completed = 2,

    /// <summary>The source holds no data of the subject.</summary>
    NoDataFound = 3,

    /// <summary>Erasure: some records are kept under the source's retention rule (see <see cref="SourceTask.Retention"/>).</summary>
    Retained = 4,

    /// <summary>The source threw; see <see cref="SourceTask.Error"/>. Retry it alone.</summary>
    Failed = 5,
}
