using Microsoft.AspNetCore.Authentication;
using TekUp.Security.AspNetCore.Authentication;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the TekUp authentication scheme to ASP.NET Core authentication.</summary>
public static class TekUpAuthenticationBuilderExtensions
{
    /// <summary>
    /// Adds the <c>TekUp</c> scheme: an API key in the <c>X-Api-Key</c> header, or <c>Authorization: Bearer</c> with a
    /// session token, checked by TekUp.Security's authentication pipeline (register it with
    /// <c>services.AddTekUpSecurity()...AddApiKeyAuthentication()</c>). Use
    /// <c>services.AddAuthentication(TekUpAuthenticationDefaults.AuthenticationScheme).AddTekUpApiKey()</c> to make it the default.
    /// </summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="configure">Optional configuration of the scheme.</param>
    public static AuthenticationBuilder AddTekUpApiKey(this AuthenticationBuilder builder, Action<TekUpAuthenticationOptions>? configure = null) =>
        builder.AddTekUpApiKey(TekUpAuthenticationDefaults.AuthenticationScheme, configure);

    /// <summary>Adds the TekUp scheme under another name.</summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="authenticationScheme">The scheme name.</param>
    /// <param name="configure">Optional configuration of the scheme.</param>
    public static AuthenticationBuilder AddTekUpApiKey(this AuthenticationBuilder builder, string authenticationScheme, Action<TekUpAuthenticationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);
        return builder.AddScheme<TekUpAuthenticationOptions, TekUpAuthenticationHandler>(authenticationScheme, displayName: "TekUp API key", configure);
    }
}
