using TekUp.Security.DataClasses;

namespace TekUp.Security.KeyManagement;

/// <summary>Identifies the data key whose material is wrapped; bound into the wrapping by every KEK provider.</summary>
/// <param name="TenantId">The tenant that owns the key.</param>
/// <param name="DataClass">The data class the key protects.</param>
/// <param name="KeyId">The data key's id.</param>
public readonly record struct KeyWrapContext(string TenantId, DataClass DataClass, Guid KeyId);
