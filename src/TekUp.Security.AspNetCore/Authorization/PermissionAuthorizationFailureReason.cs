using Microsoft.AspNetCore.Authorization;
using TekUp.Security.Rbac;

namespace TekUp.Security.AspNetCore.Authorization;

/// <summary>
/// Why a <see cref="PermissionRequirement"/> failed: the Rbac decision with its explanation, or no decision when the
/// user carries no TekUp identity (no tenant or subject claim). The message is the reason code.
/// </summary>
public sealed class PermissionAuthorizationFailureReason : AuthorizationFailureReason
{
    /// <summary>The reason code used when the user has no TekUp tenant and subject claims.</summary>
    public const string NoTekUpPrincipal = "no_tekup_principal";

    internal PermissionAuthorizationFailureReason(IAuthorizationHandler handler, AccessDecision? decision)
        : base(handler, decision?.ReasonCode ?? NoTekUpPrincipal)
    {
        Decision = decision;
    }

    /// <summary>The decision, or <see langword="null"/> when the user had no TekUp identity.</summary>
    public AccessDecision? Decision { get; }

    /// <summary>The reason code: the decision's, or <see cref="NoTekUpPrincipal"/>.</summary>
    public string ReasonCode => Message;
}
