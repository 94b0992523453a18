using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TekUp.Security.Auditing;
using TekUp.Security.Events;
using TekUp.Security.Principals;
using TekUp.Security.Rbac.Internal;

namespace TekUp.Security.Rbac;

/// <summary>
/// The permission checker: a thread-safe singleton over <see cref="RbacCache"/>. A warm allowed check is two cache
/// lookups, two index lookups and a short loop over precomputed candidates, returning a precomputed decision.
/// </summary>
internal sealed class DefaultPermissionChecker : IPermissionChecker
{
    private readonly RbacCache _cache;
    private readonly IAuditTrail _audit;
    private readonly ISecurityEventPublisher _events;
    private readonly IClientAddressAccessor _addresses;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly AllowAuditPolicy _allowAudit;
    private readonly long _samplePeriod;
    private long _allowCount;

    public DefaultPermissionChecker(
        RbacCache cache,
        IAuditTrail audit,
        ISecurityEventPublisher events,
        IClientAddressAccessor addresses,
        TimeProvider time,
        IOptions<RbacOptions> options,
        ILogger<DefaultPermissionChecker> logger)
    {
        _cache = cache;
        _audit = audit;
        _events = events;
        _addresses = addresses;
        _time = time;
        _logger = logger;
        _allowAudit = options.Value.AllowAudit;
        _samplePeriod = Math.Max(1, (long)Math.Round(1 / options.Value.AllowAuditSampleRate));
    }

    public ValueTask<AccessDecision> CheckAsync(
        SecurityPrincipal principal,
        string resource,
        string action,
        ResourceContext? resourceContext = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentException.ThrowIfNullOrEmpty(resource);
        ArgumentException.ThrowIfNullOrEmpty(action);

        if (principal.IsDisabled)
        {
            return Complete(Explanations.PrincipalDisabled, principal, resource, action, resourceContext, null, cancellationToken);
        }

        if (resourceContext?.TenantId is { } resourceTenant && !string.Equals(resourceTenant, principal.TenantId, StringComparison.Ordinal))
        {
            return Complete(Explanations.CrossTenant, principal, resource, action, resourceContext, null, cancellationToken);
        }

        var set = _cache.TryGet(principal.TenantId, principal.SubjectId);
        if (set is null)
        {
            return CheckColdAsync(principal, resource, action, resourceContext, cancellationToken);
        }

        var input = new EvaluationInput(principal, resourceContext, _time, _addresses);
        var decision = set.Evaluate(resource, action, ref input, out var fault);
        return Complete(decision, principal, resource, action, resourceContext, fault, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<EffectivePermission>> GetEffectivePermissionsAsync(SecurityPrincipal principal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var set = await _cache.GetAsync(principal.TenantId, principal.SubjectId, cancellationToken).ConfigureAwait(false);
        return set.Effective;
    }

    private async ValueTask<AccessDecision> CheckColdAsync(
        SecurityPrincipal principal,
        string resource,
        string action,
        ResourceContext? resourceContext,
        CancellationToken cancellationToken)
    {
        AccessDecision decision;
        Exception? fault;
        try
        {
            var set = await _cache.GetAsync(principal.TenantId, principal.SubjectId, cancellationToken).ConfigureAwait(false);
            var input = new EvaluationInput(principal, resourceContext, _time, _addresses);
            decision = set.Evaluate(resource, action, ref input, out fault);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A failing store or a fault while compiling must deny (and be audited), never allow or escape.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            decision = Explanations.EvaluationFailed;
            fault = ex;
        }

        return await Complete(decision, principal, resource, action, resourceContext, fault, cancellationToken).ConfigureAwait(false);
    }

    private ValueTask<AccessDecision> Complete(
        AccessDecision decision,
        SecurityPrincipal principal,
        string resource,
        string action,
        ResourceContext? resourceContext,
        Exception? fault,
        CancellationToken cancellationToken)
    {
        RbacMetrics.Decided(decision);
        if (fault is not null)
        {
            LogFault(decision, principal, resource, action, fault);
        }

        if (decision.IsAllowed)
        {
            return AuditsAllow()
                ? AuditAsync(decision, principal, resource, action, resourceContext, null, cancellationToken)
                : new ValueTask<AccessDecision>(decision);
        }

        Log.AccessDenied(_logger, principal.TenantId, resource, action, decision.ReasonCode);
        _events.Publish(new SecurityEvent
        {
            Type = SecurityEventType.AccessDenied,
            Timestamp = _time.GetUtcNow(),
            TenantId = principal.TenantId,
            PrincipalId = principal.SubjectId,
            ClientIp = ClientIpText(),
            Resource = resource,
            Reason = decision.ReasonCode,
            Properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["action"] = action },
        });
        return AuditAsync(decision, principal, resource, action, resourceContext, fault, cancellationToken);
    }

    private bool AuditsAllow() => _allowAudit switch
    {
        AllowAuditPolicy.All => true,
        AllowAuditPolicy.Sampled => Interlocked.Increment(ref _allowCount) % _samplePeriod == 0,
        _ => false,
    };

    private async ValueTask<AccessDecision> AuditAsync(
        AccessDecision decision,
        SecurityPrincipal principal,
        string resource,
        string action,
        ResourceContext? resourceContext,
        Exception? fault,
        CancellationToken cancellationToken)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal) { ["action"] = AuditText.Clip(action, AuditText.MaxValue) };
        if (decision.RoleId is not null)
        {
            data["role"] = decision.RoleId;
            data["role_path"] = AuditText.Clip(string.Join('>', decision.RolePath), AuditText.MaxValue);
        }

        if (decision.Permission is not null)
        {
            data["permission"] = AuditText.Clip(decision.Permission.ToString(), AuditText.MaxValue);
        }

        if (decision.Condition is not null)
        {
            data["condition"] = AuditText.Clip(decision.Condition.ToString(), AuditText.MaxValue);
        }

        if (fault is not null)
        {
            // The exception's type only: a message could carry data that must not reach the audit trail.
            data["error"] = fault.GetType().FullName ?? fault.GetType().Name;
        }

        if (AuditText.Tenant(principal.TenantId) is null)
        {
            data["principal_tenant"] = AuditText.Clip(principal.TenantId, AuditText.MaxValue);
        }

        if (decision.Reason == AccessDecisionReason.CrossTenant && resourceContext?.TenantId is { } resourceTenant)
        {
            data["resource_tenant"] = AuditText.Clip(resourceTenant, AuditText.MaxValue);
        }

        var record = new AuditRecord
        {
            EventType = decision.IsAllowed ? "rbac.allowed" : "rbac.denied",
            TenantId = AuditText.Tenant(principal.TenantId),
            Actor = AuditText.Actor(principal.SubjectId),
            Resource = AuditText.Clip(resourceContext?.ResourceId is { } id ? $"{resource}/{id}" : resource, AuditText.MaxResource),
            Outcome = decision.IsAllowed ? AuditOutcome.Success : AuditOutcome.Denied,
            Reason = decision.ReasonCode,
            Data = data,
        };
        await _audit.AppendAsync(record, cancellationToken).ConfigureAwait(false);
        return decision;
    }

    private void LogFault(AccessDecision decision, SecurityPrincipal principal, string resource, string action, Exception fault)
    {
        if (ReferenceEquals(decision, Explanations.EvaluationFailed))
        {
            Log.EvaluationFailed(_logger, fault, principal.TenantId, resource, action);
        }
        else
        {
            // Condition faults come from our own code over stored role data: type and message carry no secret.
            Log.ConditionFailed(_logger, principal.TenantId, resource, action, fault.GetType().Name, fault.Message);
        }
    }

    private string? ClientIpText()
    {
        try
        {
            var address = _addresses.ClientAddress;
            return address is null ? null : Networking.IpAddresses.Normalize(address).ToString();
        }
#pragma warning disable CA1031 // The address is context for the event; failing to read it must not fail the check.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }
}
