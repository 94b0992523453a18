using System.Globalization;

namespace TekUp.Security.Gdpr;

/// <summary>
/// Why and how long a category of personal data is kept even when its subject asks for erasure (Art. 17(3)), with the
/// legal basis recorded (Art. 6(1)(c), Art. 5(1)(e)). Retention is per category, never all-or-nothing: an erasure request
/// erases every record no rule keeps, and the records still under retention are erased by a purge once their period ends.
/// </summary>
/// <remarks>
/// Dates are computed on UTC calendar dates. A record is kept while the current time is before
/// <see cref="GetRetainedUntil"/>; a period counted in years from the end of a financial year ends at the end of the
/// same day that many years later (for example a record dated 2024-03-05, financial year ending 31 December, 5 years:
/// the year ends 2024-12-31, the record is kept until 2029-12-31 24:00 UTC, that is 2030-01-01T00:00Z).
/// </remarks>
public sealed class RetentionRule
{
    /// <summary>The legal basis, in words a data subject can look up (for example "Danish Bookkeeping Act (bogføringsloven) §10"). Required.</summary>
    public required string LegalBasis { get; init; }

    /// <summary>The Art. 17(3) ground. Required.</summary>
    public required ErasureExemption Ground { get; init; }

    /// <summary>The length of the period in calendar months (5 years = 60). Between 1 and 1200.</summary>
    public required int PeriodMonths { get; init; }

    /// <summary>What the period runs from. Default <see cref="RetentionAnchor.RecordDate"/>.</summary>
    public RetentionAnchor Anchor { get; init; } = RetentionAnchor.RecordDate;

    /// <summary>With <see cref="RetentionAnchor.EndOfFinancialYear"/>, the month (1-12) whose last day ends the financial year. Default 12.</summary>
    public int FinancialYearEndMonth { get; init; } = 12;

    /// <summary>
    /// The Danish Bookkeeping Act rule: accounting records (invoices, vouchers) are kept for 5 years from the end of the
    /// financial year they belong to (bogføringsloven §10), an Art. 17(3)(b) legal obligation.
    /// </summary>
    /// <param name="financialYearEndMonth">The month whose last day ends the financial year (12 for a calendar year).</param>
    public static RetentionRule DanishBookkeeping(int financialYearEndMonth = 12) => new()
    {
        LegalBasis = "Danish Bookkeeping Act (bogføringsloven) §10",
        Ground = ErasureExemption.LegalObligation,
        PeriodMonths = 60,
        Anchor = RetentionAnchor.EndOfFinancialYear,
        FinancialYearEndMonth = financialYearEndMonth,
    };

    /// <summary>The article reference of <see cref="Ground"/>, for example <c>Art. 17(3)(b)</c>.</summary>
    public string GroundReference => ReferenceOf(Ground);

    /// <summary>How the period is computed, in words (for example "60 months from the end of the financial year (ending in month 12) the record belongs to").</summary>
    public string Description => Anchor == RetentionAnchor.EndOfFinancialYear
        ? string.Create(CultureInfo.InvariantCulture, $"{Length()} from the end of the financial year (ending with month {FinancialYearEndMonth}) the record belongs to")
        : string.Create(CultureInfo.InvariantCulture, $"{Length()} from the record's date");

    /// <summary>The instant until which a record dated <paramref name="recordDate"/> is kept (exclusive).</summary>
    /// <param name="recordDate">The record's date.</param>
    public DateTimeOffset GetRetainedUntil(DateTimeOffset recordDate)
    {
        var date = DateOnly.FromDateTime(recordDate.UtcDateTime);
        DateOnly start;
        if (Anchor == RetentionAnchor.EndOfFinancialYear)
        {
            var year = date.Month <= FinancialYearEndMonth ? date.Year : date.Year + 1;
            start = new DateOnly(year, FinancialYearEndMonth, DateTime.DaysInMonth(year, FinancialYearEndMonth));
        }
        else
        {
            start = date;
        }

        var lastDay = start.AddMonths(PeriodMonths);
        if (Anchor == RetentionAnchor.EndOfFinancialYear)
        {
            // The period ends with the end of a month: keep it at the month's last day (a 30 June year end stays 30 June).
            lastDay = new DateOnly(lastDay.Year, lastDay.Month, DateTime.DaysInMonth(lastDay.Year, lastDay.Month));
        }

        return new DateTimeOffset(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    }

    /// <summary>The Art. 17(3) reference of a ground.</summary>
    /// <param name="ground">The ground.</param>
    public static string ReferenceOf(ErasureExemption ground) => ground switch
    {
        ErasureExemption.FreedomOfExpression => "Art. 17(3)(a)",
        ErasureExemption.LegalObligation => "Art. 17(3)(b)",
        ErasureExemption.PublicHealth => "Art. 17(3)(c)",
        ErasureExemption.ArchivingOrResearch => "Art. 17(3)(d)",
        ErasureExemption.LegalClaims => "Art. 17(3)(e)",
        _ => "Art. 17(3)",
    };

    private string Length() => PeriodMonths % 12 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{PeriodMonths / 12} year(s)")
        : string.Create(CultureInfo.InvariantCulture, $"{PeriodMonths} month(s)");
}
