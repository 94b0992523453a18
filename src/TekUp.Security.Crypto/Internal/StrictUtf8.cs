using System.Text;

namespace TekUp.Security.Cryptography.Internal;

/// <summary>Strict UTF-8 helpers: unpaired surrogates are refused rather than replaced, so encodings stay canonical.</summary>
internal static class StrictUtf8
{
    public static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool IsWellFormed(ReadOnlySpan<char> value)
    {
        try
        {
            _ = Strict.GetByteCount(value);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }
}
