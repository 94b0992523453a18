namespace TekUp.Security.Gdpr;

/// <summary>The moment a retention period runs from.</summary>
public enum RetentionAnchor
{
    /// <summary>From the record's own date (<see cref="PersonalDataRecord.RecordDate"/>).</summary>
    RecordDate = 1,

    /// <summary>From the end of the financial year the record's date falls in (see <see cref="RetentionRule.FinancialYearEndMonth"/>).</summary>
    EndOfFinancialYear = 2,
}
