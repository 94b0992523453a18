using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TekUp.Security.KeyManagement.Internal;

namespace TekUp.Security.KeyManagement;

/// <summary>
/// Runs <see cref="IKeyManager.RotateDueKeysAsync"/> at start and then every
/// <see cref="KeyManagementOptions.BackgroundRotationInterval"/>, when <see cref="KeyManagementOptions.EnableBackgroundRotation"/>
/// is set. A failed run is logged and retried at the next tick. Safe on several instances at once.
/// </summary>
internal sealed class KeyRotationBackgroundService(
    IKeyManager keyManager,
    IOptions<KeyManagementOptions> options,
    TimeProvider timeProvider,
    ILogger<KeyRotationBackgroundService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.EnableBackgroundRotation)
        {
            return;
        }

        await Task.Yield();
        using var timer = new PeriodicTimer(settings.BackgroundRotationInterval, timeProvider);
        do
        {
            try
            {
                await keyManager.RotateDueKeysAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The job must survive a failed run (store briefly unavailable); the next tick retries.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.BackgroundRotationFailed(logger, ex);
            }
        }
        while (await WaitForNextTickAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitForNextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
