using System.Security.Cryptography;
using System.Text;

namespace TekUp.Security.KeyManagement.Internal;

/// <summary>
/// The loaded master keys, held only as the two values derived from each: its public id and its wrapping key.
/// The raw master key bytes are zeroed as soon as both are derived.
/// </summary>
internal sealed class MasterKeySet : IDisposable
{
    public const int KeySize = 32;

    private static readonly byte[] IdInfo = Encoding.ASCII.GetBytes("TekUp.Security.KeyManagement.KeyId.v1");
    private static readonly byte[] WrapInfo = Encoding.ASCII.GetBytes("TekUp.Security.KeyManagement.KeyWrap.v1");

    private readonly Dictionary<string, byte[]> _wrappingKeys = new(StringComparer.Ordinal);

    public string CurrentId { get; private set; } = "";

    public int Count => _wrappingKeys.Count;

    /// <summary>Adds a master key (the first added is current) and zeroes <paramref name="masterKey"/>.</summary>
    public void Add(byte[] masterKey)
    {
        try
        {
            var id = ComputeId(masterKey);
            if (_wrappingKeys.ContainsKey(id))
            {
                return;
            }

            _wrappingKeys.Add(id, HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, KeySize, salt: [], WrapInfo));
            if (CurrentId.Length == 0)
            {
                CurrentId = id;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(masterKey);
        }
    }

    public bool TryGetWrappingKey(string keyId, out byte[] wrappingKey) => _wrappingKeys.TryGetValue(keyId, out wrappingKey!);

    /// <summary>
    /// A key check value: <c>local-</c> and 16 hex digits of an HKDF output. It names the key without revealing it,
    /// so the same key gets the same id wherever it is configured.
    /// </summary>
    public static string ComputeId(ReadOnlySpan<byte> masterKey)
    {
        Span<byte> id = stackalloc byte[8];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, id, salt: [], IdInfo);
        return "local-" + Convert.ToHexStringLower(id);
    }

    public void Dispose()
    {
        foreach (var key in _wrappingKeys.Values)
        {
            CryptographicOperations.ZeroMemory(key);
        }

        _wrappingKeys.Clear();
    }
}
