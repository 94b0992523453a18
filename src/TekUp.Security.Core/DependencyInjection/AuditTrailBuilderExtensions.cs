using TekUp.Security.Auditing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Configures the audit trail that <c>AddTekUpSecurity()</c> registers.</summary>
public static class AuditTrailBuilderExtensions
{
    /// <summary>
    /// Configures <see cref="AuditTrailOptions"/> (also bound from <c>TekUp:Security:Audit</c>): signing and pseudonym
    /// keys, queue capacity, batch size, checkpoint interval.
    /// </summary>
    /// <param name="builder">The TekUp.Security builder.</param>
    /// <param name="configure">Changes the options.</param>
    public static ITekUpSecurityBuilder ConfigureAuditTrail(this ITekUpSecurityBuilder builder, Action<AuditTrailOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }
}
