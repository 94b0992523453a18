using TekUp.Security.Auth.Authentication;

namespace TekUp.Security.AspNetCore.Authentication;

/// <summary>
/// The outcome of the TekUp pipeline for the current request, set by the authentication handler (also when it failed),
/// so endpoints can create a session token from it and middleware can answer refusals.
/// </summary>
public interface ITekUpAuthenticationFeature
{
    /// <summary>The pipeline result.</summary>
    AuthenticationResult Result { get; }
}

internal sealed class TekUpAuthenticationFeature(AuthenticationResult result) : ITekUpAuthenticationFeature
{
    public AuthenticationResult Result { get; } = result;
}
