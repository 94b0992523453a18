using System.Security.Cryptography;
using TekUp.Security.DataClasses;
using TekUp.Security.Storage;

namespace TekUp.Security.KeyManagement.Internal;

/// <summary>Builds the module's exceptions. Messages carry ids, never key material or data.</summary>
internal static class Errors
{
    public static ArgumentException InvalidTenantId(string paramName) =>
        new("A tenant id is 1-64 ASCII letters, digits, '.', '-' or '_'.", paramName);

    public static ArgumentOutOfRangeException UndefinedDataClass(string paramName, DataClass dataClass) =>
        new(paramName, dataClass, "Unknown data class.");

    public static CryptographicException NotAnEnvelope() =>
        new("The ciphertext is not a TekUp envelope: it is too short or of an unknown format version.");

    public static CryptographicException NotBase64Url() =>
        new("The ciphertext is not valid base64url.");

    public static TekUpStorageException KeyRaceNotSettled(string tenantId, DataClass dataClass) =>
        new($"The active {dataClass} key of tenant '{tenantId}' kept changing while it was being created or rotated; try again.");

    public static TekUpStorageException KeyChangedConcurrently(Guid keyId) =>
        new($"Data key {keyId} kept changing while it was being updated; try again.");

    public static InvalidOperationException CacheThrashing() =>
        new("Every freshly loaded data key was evicted before it could be used: KeyManagement:CacheSize is too small for the number of keys used at once.");

    public static void ThrowIfUndefined(DataClass dataClass, string paramName = "dataClass")
    {
        if (!Enum.IsDefined(dataClass))
        {
            throw UndefinedDataClass(paramName, dataClass);
        }
    }
}
