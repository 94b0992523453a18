using System.Security.Claims;
using TekUp.Security.AspNetCore.Authentication;
using TekUp.Security.Principals;

namespace TekUp.Security.AspNetCore.Authorization;

/// <summary>Reads the <see cref="SecurityPrincipal"/> from the claims the TekUp authentication handler issues.</summary>
internal static class TekUpPrincipals
{
    public static SecurityPrincipal? FromClaims(ClaimsPrincipal user)
    {
        var tenant = user.FindFirst(TekUpClaimTypes.TenantId)?.Value;
        var subject = user.FindFirst(TekUpClaimTypes.Subject)?.Value;
        if (string.IsNullOrEmpty(tenant) || string.IsNullOrEmpty(subject))
        {
            return null;
        }

        var kind = Enum.TryParse<PrincipalKind>(user.FindFirst(TekUpClaimTypes.PrincipalKind)?.Value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : PrincipalKind.User;
        var scopes = user.FindAll(TekUpClaimTypes.Scope).Select(c => c.Value).ToArray();
        return new SecurityPrincipal { TenantId = tenant, SubjectId = subject, Kind = kind, Scopes = scopes };
    }
}
