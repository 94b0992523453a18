namespace TekUp.Security.DataClasses;

/// <summary>
/// The classes of data the SDK keeps apart: each has its own data key per tenant and its own rotation schedule.
/// The same classes are available as <see cref="Microsoft.Extensions.Compliance.Classification.DataClassification"/>
/// values in <see cref="TekUpTaxonomy"/>, for log redaction.
/// </summary>
public enum DataClass
{
    /// <summary>Business data that identifies no person. Keys rotate yearly.</summary>
    General = 1,

    /// <summary>Personal data (GDPR Art. 4(1)). Keys rotate every 90 days.</summary>
    Personal = 2,

    /// <summary>Financial data: invoices, accounts, card and bank details. Keys rotate every 30 days.</summary>
    Financial = 3,

    /// <summary>Health data (GDPR Art. 9 special category). Keys rotate every 30 days.</summary>
    Health = 4,
}
