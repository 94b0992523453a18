using System.Buffers.Text;

namespace TekUp.Security.KeyManagement;

/// <summary>The outcome of <see cref="IEncryptionService.ReEncryptAsync"/>.</summary>
public sealed class ReEncryptionResult
{
    internal ReEncryptionResult(byte[] ciphertext, Guid keyId, Guid previousKeyId)
    {
        Ciphertext = ciphertext;
        KeyId = keyId;
        PreviousKeyId = previousKeyId;
    }

    /// <summary>The ciphertext to store: new when <see cref="IsChanged"/>, else a copy of the input.</summary>
    public ReadOnlyMemory<byte> Ciphertext { get; }

    /// <summary>The key the ciphertext is now under: the tenant's active key.</summary>
    public Guid KeyId { get; }

    /// <summary>The key the input was under.</summary>
    public Guid PreviousKeyId { get; }

    /// <summary>Whether the ciphertext moved to another key (store the new one).</summary>
    public bool IsChanged => KeyId != PreviousKeyId;

    /// <summary>The ciphertext as base64url text (no padding).</summary>
    public string ToBase64Url() => Base64Url.EncodeToString(Ciphertext.Span);
}
