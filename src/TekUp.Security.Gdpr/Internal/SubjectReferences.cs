using TekUp.Security.Auditing;

namespace TekUp.Security.Gdpr.Internal;

/// <summary>
/// The keyed pseudonym under which restriction and subject-key stores know a subject: the audit trail's subject
/// pseudonymisation key (HMAC-SHA256) over the tenant and the subject id, so those stores hold no direct identifier.
/// </summary>
internal sealed class SubjectReferences(IAuditKeyProvider keys)
{
    public string For(string tenantId, string subjectId) => keys.Pseudonymize("gdpr-subject\n" + tenantId + "\n" + subjectId);
}
