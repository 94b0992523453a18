using TekUp.Security.Cryptography.Internal;
using TekUp.Security.DataClasses;

namespace TekUp.Security.Cryptography;

/// <summary>
/// Where a ciphertext belongs: its tenant, its data class and an optional caller-chosen context (for example a
/// table and record id). The context is authenticated with the ciphertext but not stored in it, so decryption
/// must be given the same context; a ciphertext moved to another tenant, class or record fails to decrypt.
/// </summary>
public readonly struct EncryptionContext
{
    /// <summary>The longest tenant id, in UTF-16 characters: 64 (as for <c>Tenant.Id</c>).</summary>
    public const int MaxTenantIdLength = 64;

    /// <summary>The longest caller context, in bytes: 1024. Bind a hash of longer values.</summary>
    public const int MaxCallerContextLength = 1024;

    /// <summary>Creates an encryption context.</summary>
    /// <param name="tenantId">The tenant the data belongs to: 1-64 characters of well-formed UTF-16.</param>
    /// <param name="dataClass">The class of the data; a defined <see cref="DataClasses.DataClass"/> value.</param>
    /// <param name="callerContext">
    /// Optional bytes that tie the ciphertext to one place, such as <c>"invoices/4711/iban"u8</c>; at most
    /// <see cref="MaxCallerContextLength"/> bytes. Empty (the default) binds nothing beyond tenant and class.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="tenantId"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The tenant id or caller context is out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dataClass"/> is not defined.</exception>
    public EncryptionContext(string tenantId, DataClass dataClass, ReadOnlyMemory<byte> callerContext = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        if (tenantId.Length is 0 or > MaxTenantIdLength || !StrictUtf8.IsWellFormed(tenantId))
        {
            throw Errors.TenantId(nameof(tenantId));
        }

        if (!Enum.IsDefined(dataClass))
        {
            throw Errors.DataClass(nameof(dataClass), (int)dataClass);
        }

        if (callerContext.Length > MaxCallerContextLength)
        {
            throw Errors.CallerContextLength(nameof(callerContext));
        }

        TenantId = tenantId;
        DataClass = dataClass;
        CallerContext = callerContext;
    }

    /// <summary>The tenant the data belongs to. <see langword="null"/> only for <see langword="default"/>, which the envelope refuses.</summary>
    public string TenantId { get; }

    /// <summary>The class of the data.</summary>
    public DataClass DataClass { get; }

    /// <summary>The caller-chosen context bytes; empty when none.</summary>
    public ReadOnlyMemory<byte> CallerContext { get; }

    /// <summary>Whether the value was created by the constructor (not <see langword="default"/>).</summary>
    internal bool IsInitialized => TenantId is not null;
}
