namespace TekUp.Security.Gdpr;

/// <summary>The right a data subject exercises.</summary>
public enum DataSubjectRequestKind
{
    /// <summary>Art. 15: a copy of the subject's data (an export).</summary>
    Access = 1,

    /// <summary>Art. 16: correction of inaccurate data.</summary>
    Rectification = 2,

    /// <summary>Art. 17: erasure, except data a retention rule keeps.</summary>
    Erasure = 3,

    /// <summary>Art. 20: the subject's data in a machine-readable format (an export).</summary>
    Portability = 4,

    /// <summary>Art. 18: restriction of processing.</summary>
    Restriction = 5,

    /// <summary>Art. 21: objection to processing for a purpose.</summary>
    Objection = 6,
}
