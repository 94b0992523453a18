using System.Runtime.InteropServices;

namespace TekUp.Security.Auth.Internal;

/// <summary>
/// A 32-byte key hash as a value, so a cache lookup needs no array. Equality is not fixed-time: hashes are HMAC outputs
/// under a secret pepper, which a caller can neither choose nor learn anything from; the record found is then
/// compared with <see cref="System.Security.Cryptography.CryptographicOperations.FixedTimeEquals"/> all the same.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct ApiKeyHash : IEquatable<ApiKeyHash>
{
    private readonly ulong _a;
    private readonly ulong _b;
    private readonly ulong _c;
    private readonly ulong _d;

    public ApiKeyHash(ReadOnlySpan<byte> hash)
    {
        if (hash.Length != ApiKeys.ApiKeyHashes.HashLength)
        {
            throw new ArgumentException("A key hash is 32 bytes.", nameof(hash));
        }

        _a = MemoryMarshal.Read<ulong>(hash);
        _b = MemoryMarshal.Read<ulong>(hash[8..]);
        _c = MemoryMarshal.Read<ulong>(hash[16..]);
        _d = MemoryMarshal.Read<ulong>(hash[24..]);
    }

    public void CopyTo(Span<byte> destination)
    {
        MemoryMarshal.Write(destination, in _a);
        MemoryMarshal.Write(destination[8..], in _b);
        MemoryMarshal.Write(destination[16..], in _c);
        MemoryMarshal.Write(destination[24..], in _d);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[ApiKeys.ApiKeyHashes.HashLength];
        CopyTo(bytes);
        return bytes;
    }

    public string Prefix()
    {
        Span<byte> bytes = stackalloc byte[ApiKeys.ApiKeyHashes.HashLength];
        CopyTo(bytes);
        return ApiKeys.ApiKeyHashes.Prefix(bytes);
    }

    public bool Equals(ApiKeyHash other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    public override bool Equals(object? obj) => obj is ApiKeyHash other && Equals(other);

    public override int GetHashCode() => (int)_a ^ (int)(_a >> 32);
}
