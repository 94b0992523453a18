namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Configures TekUp.Security. Returned by <c>AddTekUpSecurity()</c>; every module and storage provider adds
/// itself through an extension method on this interface (<c>AddKeyManagement()</c>, <c>UseSqlite(...)</c>).
/// </summary>
public interface ITekUpSecurityBuilder
{
    /// <summary>The service collection the modules register into.</summary>
    IServiceCollection Services { get; }
}
