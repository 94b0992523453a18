using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace TekUp.Security.Auth.Sessions;

/// <summary>
/// Reads <c>alg</c> and <c>kid</c> from a compact JWS header without exceptions or the JWT handler: base64url-decode
/// the first segment on the stack and scan its top-level JSON object. A header that is not a JSON object, is larger than
/// 512 bytes, or names <c>alg</c> or <c>kid</c> twice (which parsers resolve differently) is malformed.
/// </summary>
internal readonly record struct SessionTokenHeader(SessionTokenHeader.ReadStatus Status, string? Algorithm, string? KeyId)
{
    private const int MaxHeaderBytes = 512;

    public enum ReadStatus
    {
        Ok,
        Malformed,
    }

    private static SessionTokenHeader Malformed => new(ReadStatus.Malformed, null, null);

    public static SessionTokenHeader Read(string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot > MaxHeaderBytes * 4 / 3)
        {
            return Malformed;
        }

        Span<byte> json = stackalloc byte[MaxHeaderBytes];
        if (Base64Url.DecodeFromChars(token.AsSpan(0, dot), json, out _, out var written) != OperationStatus.Done)
        {
            return Malformed;
        }

        return Parse(json[..written]);
    }

    private static SessionTokenHeader Parse(ReadOnlySpan<byte> json)
    {
        string? algorithm = null;
        string? keyId = null;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 4 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Malformed;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isAlgorithm = reader.ValueTextEquals("alg"u8);
                var isKeyId = !isAlgorithm && reader.ValueTextEquals("kid"u8);
                if (!reader.Read())
                {
                    return Malformed;
                }

                if (isAlgorithm || isKeyId)
                {
                    if (reader.TokenType != JsonTokenType.String || (isAlgorithm ? algorithm : keyId) is not null)
                    {
                        return Malformed;
                    }

                    if (isAlgorithm)
                    {
                        algorithm = reader.GetString();
                    }
                    else
                    {
                        keyId = reader.GetString();
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            return reader.TokenType == JsonTokenType.EndObject && !reader.Read()
                ? new(ReadStatus.Ok, algorithm, keyId)
                : Malformed;
        }
        catch (JsonException)
        {
            // Utf8JsonReader reports malformed JSON only by throwing.
            return Malformed;
        }
    }
}
