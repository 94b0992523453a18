using System.Text;
using TekUp.Security.DataClasses;
using TekUp.Security.KeyManagement.Internal;

namespace TekUp.Security.KeyManagement;

/// <summary>Derives platform secrets from the never-rotated platform key <see cref="PlatformKeys.Secrets"/>.</summary>
internal sealed class DefaultPlatformSecretProvider(DataKeyLifecycle lifecycle) : IPlatformSecretProvider
{
    private const int SecretSize = 32;
    private const int MaxPurposeLength = 64;

    public async Task<byte[]> DeriveSecretAsync(string purpose, CancellationToken cancellationToken = default)
    {
        if (!IsValidPurpose(purpose))
        {
            throw new ArgumentException("A platform secret purpose must be 1-64 ASCII letters, digits, '.', '-', '_' or '/'.", nameof(purpose));
        }

        var outcome = await lifecycle.EnsureActiveAsync(PlatformKeys.Secrets, DataClass.General, cancellationToken).ConfigureAwait(false);
        using var key = outcome.Key ?? await lifecycle.UnwrapAsync(outcome.Active!, cancellationToken).ConfigureAwait(false);
        var secret = new byte[SecretSize];
        key.DeriveSubkey(Encoding.ASCII.GetBytes("TekUp.Security/platform-secret/v1/" + purpose), secret);
        return secret;
    }

    private static bool IsValidPurpose(string? purpose)
    {
        if (string.IsNullOrEmpty(purpose) || purpose.Length > MaxPurposeLength)
        {
            return false;
        }

        foreach (var c in purpose)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '/'))
            {
                return false;
            }
        }

        return true;
    }
}
