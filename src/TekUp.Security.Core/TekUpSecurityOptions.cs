namespace TekUp.Security;

/// <summary>
/// Options shared by every TekUp.Security module. Bound from the configuration section
/// <see cref="SectionName"/> when <c>AddTekUpSecurity(configuration)</c> is used.
/// </summary>
public sealed class TekUpSecurityOptions
{
    /// <summary>The configuration section the options are bound from: <c>TekUp:Security</c>.</summary>
    public const string SectionName = "TekUp:Security";

    /// <summary>
    /// A name for the host application, used to separate key derivations and audit chains of applications
    /// that share one store. Default <c>tekup</c>. Letters, digits, '.', '-' and '_' only, at most 64 characters.
    /// </summary>
    public string ApplicationName { get; set; } = "tekup";

    /// <summary>
    /// When <see langword="true"/>, weak settings that are only acceptable on a developer machine
    /// (a generated master key file, ephemeral audit keys) are refused at start. Defaults to <see langword="false"/>;
    /// hosts set it from their environment (for example <c>!builder.Environment.IsDevelopment()</c>).
    /// </summary>
    public bool RequireProductionKeys { get; set; }
}
