namespace TekUp.Security.Gdpr;

/// <summary>The Art. 17(3) ground on which data is kept despite an erasure request.</summary>
public enum ErasureExemption
{
    /// <summary>Art. 17(3)(a): exercising the right of freedom of expression and information.</summary>
    FreedomOfExpression = 1,

    /// <summary>Art. 17(3)(b): compliance with a legal obligation (for example the Danish Bookkeeping Act).</summary>
    LegalObligation = 2,

    /// <summary>Art. 17(3)(c): reasons of public interest in the area of public health.</summary>
    PublicHealth = 3,

    /// <summary>Art. 17(3)(d): archiving in the public interest, scientific or historical research or statistics.</summary>
    ArchivingOrResearch = 4,

    /// <summary>Art. 17(3)(e): the establishment, exercise or defence of legal claims.</summary>
    LegalClaims = 5,
}
