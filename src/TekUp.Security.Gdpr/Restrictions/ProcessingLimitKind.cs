namespace TekUp.Security.Gdpr;

/// <summary>What limits processing of a subject's data.</summary>
public enum ProcessingLimitKind
{
    /// <summary>Art. 18: restriction of processing (stored, not otherwise processed).</summary>
    Restriction = 1,

    /// <summary>Art. 21: objection to processing for a purpose.</summary>
    Objection = 2,
}
