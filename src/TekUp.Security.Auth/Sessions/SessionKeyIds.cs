namespace TekUp.Security.Auth.Sessions;

/// <summary>The <c>kid</c> of session signing keys: <c>{tenantId}:{dataKeyId:N}</c> (':' never occurs in a tenant id).</summary>
internal static class SessionKeyIds
{
    public static string Format(string tenantId, Guid dataKeyId) => $"{tenantId}:{dataKeyId:N}";

    public static bool TryParse(string? kid, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? tenantId, out Guid dataKeyId)
    {
        tenantId = null;
        dataKeyId = Guid.Empty;
        if (string.IsNullOrEmpty(kid) || kid.Length > 100)
        {
            return false;
        }

        var colon = kid.LastIndexOf(':');
        if (colon <= 0 || !Guid.TryParseExact(kid.AsSpan(colon + 1), "N", out dataKeyId))
        {
            return false;
        }

        var tenant = kid[..colon];
        if (!Names.IsValid(tenant))
        {
            return false;
        }

        tenantId = tenant;
        return true;
    }
}
