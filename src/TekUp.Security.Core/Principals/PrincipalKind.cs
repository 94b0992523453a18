namespace TekUp.Security.Principals;

/// <summary>What kind of caller a principal is.</summary>
public enum PrincipalKind
{
    /// <summary>A person signed in to the host application.</summary>
    User = 1,

    /// <summary>A caller authenticated by a TekUp API key.</summary>
    ApiKey = 2,

    /// <summary>A background service or another system acting on its own behalf.</summary>
    Service = 3,
}
