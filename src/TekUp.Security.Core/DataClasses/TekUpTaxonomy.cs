using Microsoft.Extensions.Compliance.Classification;

namespace TekUp.Security.DataClasses;

/// <summary>
/// The TekUp data classes as <see cref="DataClassification"/> values, so that a host can use the same classes
/// for log redaction (<c>Microsoft.Extensions.Compliance.Redaction</c>) as for encryption.
/// </summary>
public static class TekUpTaxonomy
{
    /// <summary>The taxonomy name: <c>TekUp</c>.</summary>
    public const string TaxonomyName = "TekUp";

    /// <summary>General business data.</summary>
    public static DataClassification General { get; } = new(TaxonomyName, nameof(DataClass.General));

    /// <summary>Personal data.</summary>
    public static DataClassification Personal { get; } = new(TaxonomyName, nameof(DataClass.Personal));

    /// <summary>Financial data.</summary>
    public static DataClassification Financial { get; } = new(TaxonomyName, nameof(DataClass.Financial));

    /// <summary>Health data.</summary>
    public static DataClassification Health { get; } = new(TaxonomyName, nameof(DataClass.Health));

    /// <summary>Returns the classification for a data class.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dataClass"/> is not a defined value.</exception>
    public static DataClassification ToClassification(this DataClass dataClass) => dataClass switch
    {
        DataClass.General => General,
        DataClass.Personal => Personal,
        DataClass.Financial => Financial,
        DataClass.Health => Health,
        _ => throw new ArgumentOutOfRangeException(nameof(dataClass), dataClass, "Unknown data class."),
    };

    /// <summary>Returns the data class of a TekUp classification, or <see langword="false"/> for any other taxonomy or value.</summary>
    public static bool TryGetDataClass(DataClassification classification, out DataClass dataClass)
    {
        dataClass = default;
        return classification.TaxonomyName == TaxonomyName
            && Enum.TryParse(classification.Value, ignoreCase: false, out dataClass)
            && Enum.IsDefined(dataClass);
    }
}
