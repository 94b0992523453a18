namespace TekUp.Security.Auth.ApiKeys;

/// <summary>The state of an API key at a point in time.</summary>
public enum ApiKeyState
{
    /// <summary>The key authenticates.</summary>
    Active = 1,

    /// <summary>The key's expiry has passed (including the end of a rotation's overlap window).</summary>
    Expired = 2,

    /// <summary>The key was revoked.</summary>
    Revoked = 3,
}
