namespace TekUp.Security.KeyManagement;

/// <summary>Why a data key was rotated.</summary>
public enum KeyRotationReason
{
    /// <summary>An administrator asked for it (<see cref="IKeyManager.RotateAsync"/>).</summary>
    Manual = 1,

    /// <summary>The key was active for its data class's rotation period.</summary>
    Schedule = 2,

    /// <summary>The key reached <see cref="KeyManagementOptions.MaxKeyUses"/> encryptions.</summary>
    UseCount = 3,
}
