using Microsoft.Extensions.DependencyInjection;

namespace TekUp.Security.Gdpr.Internal;

/// <summary>Resolves the registered sources (scoped, so a source may use a scoped DbContext) and checks their categories.</summary>
internal static class SourceRegistry
{
    public static IReadOnlyList<IPersonalDataSource> Resolve(IServiceProvider services)
    {
        var sources = services.GetServices<IPersonalDataSource>().ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            if (!GdprNames.IsValidName(source.Category))
            {
                throw new InvalidOperationException($"The personal-data source {source.GetType().Name} has an invalid category: it must be 1-64 letters, digits, '.', '-' or '_'.");
            }

            if (!seen.Add(source.Category))
            {
                throw new InvalidOperationException($"Two personal-data sources declare the category '{source.Category}'.");
            }

            if (source.Retention is { } rule && !IsValid(rule))
            {
                throw new InvalidOperationException($"The retention rule of category '{source.Category}' is invalid: it needs a legal basis, a defined ground and anchor, 1-1200 months and a financial-year end month of 1-12.");
            }
        }

        return sources;
    }

    private static bool IsValid(RetentionRule rule) =>
        !string.IsNullOrWhiteSpace(rule.LegalBasis)
        && Enum.IsDefined(rule.Ground)
        && Enum.IsDefined(rule.Anchor)
        && rule.PeriodMonths is >= 1 and <= 1200
        && rule.FinancialYearEndMonth is >= 1 and <= 12;
}
