using TekUp.Security.Gdpr;

namespace TekUp.Security.Storage.InMemory;

/// <summary>Keeps every Gdpr store in memory (requests, exports, restrictions, erasure records, subject keys). Thread-safe; records are immutable.</summary>
internal sealed class InMemoryGdprStore : IDataSubjectRequestStore, IExportStore, IProcessingLimitStore, IErasureRecordStore, ISubjectKeyStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Tenant, Guid Id), DataSubjectRequest> _requests = [];
    private readonly Dictionary<(string Tenant, Guid Id), ExportRecord> _exports = [];
    private readonly Dictionary<(string Tenant, string Subject, ProcessingLimitKind Kind, string Purpose), ProcessingLimit> _limits = [];
    private readonly Dictionary<(string Tenant, Guid RequestId), ErasureRecord> _erasures = [];
    private readonly Dictionary<(string Tenant, Guid KeyId), SubjectKeyRecord> _keys = [];

    public Task CreateAsync(DataSubjectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
        {
            if (!_requests.TryAdd((request.TenantId, request.Id), request))
            {
                throw new DuplicateRecordException($"Request {request.Id} of tenant '{request.TenantId}' exists.");
            }
        }

        return Task.CompletedTask;
    }

    public Task<DataSubjectRequest?> FindAsync(string tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_requests.GetValueOrDefault((tenantId, id)));
        }
    }

    public Task UpdateAsync(DataSubjectRequest request, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Version != expectedVersion + 1)
        {
            throw new ArgumentException("The new version must be the expected version + 1.", nameof(request));
        }

        lock (_lock)
        {
            if (!_requests.TryGetValue((request.TenantId, request.Id), out var stored) || stored.Version != expectedVersion)
            {
                throw new ConcurrencyException($"Request {request.Id} of tenant '{request.TenantId}' was changed or removed since it was read.");
            }

            _requests[(request.TenantId, request.Id)] = request;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DataSubjectRequest>> ListOverdueAsync(string tenantId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<DataSubjectRequest>>([.. _requests.Values
                .Where(r => r.TenantId == tenantId && r.IsOverdueAt(now))
                .OrderBy(r => r.EffectiveDueAt).ThenBy(r => r.Id)]);
        }
    }

    public Task<IReadOnlyList<DataSubjectRequest>> ListRetentionEndedAsync(string tenantId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<DataSubjectRequest>>([.. _requests.Values
                .Where(r => r.TenantId == tenantId && r.NextPurgeAt <= now)
                .OrderBy(r => r.NextPurgeAt).ThenBy(r => r.Id)]);
        }
    }

    public Task<IReadOnlyList<DataSubjectRequest>> ListBySubjectAsync(string tenantId, string subjectId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<DataSubjectRequest>>([.. _requests.Values
                .Where(r => r.TenantId == tenantId && r.SubjectId == subjectId)
                .OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id)]);
        }
    }

    public Task CreateAsync(ExportRecord export, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(export);
        lock (_lock)
        {
            if (!_exports.TryAdd((export.TenantId, export.Id), export with { Ciphertext = [.. export.Ciphertext] }))
            {
                throw new DuplicateRecordException($"Export {export.Id} of tenant '{export.TenantId}' exists.");
            }
        }

        return Task.CompletedTask;
    }

    Task<ExportRecord?> IExportStore.FindAsync(string tenantId, Guid id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_exports.TryGetValue((tenantId, id), out var export) ? export with { Ciphertext = [.. export.Ciphertext] } : null);
        }
    }

    public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var expired = _exports.Where(e => e.Value.ExpiresAt <= now).Select(e => e.Key).ToList();
            expired.ForEach(key => _exports.Remove(key));
            return Task.FromResult(expired.Count);
        }
    }

    public Task AddAsync(ProcessingLimit limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limit);
        lock (_lock)
        {
            _limits.TryAdd((limit.TenantId, limit.SubjectReference, limit.Kind, limit.Purpose), limit);
        }

        return Task.CompletedTask;
    }

    public Task<bool> RemoveAsync(string tenantId, string subjectReference, ProcessingLimitKind kind, string purpose, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_limits.Remove((tenantId, subjectReference, kind, purpose)));
        }
    }

    public Task<IReadOnlyList<ProcessingLimit>> ListAsync(string tenantId, string subjectReference, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<ProcessingLimit>>([.. _limits.Values
                .Where(l => l.TenantId == tenantId && l.SubjectReference == subjectReference)
                .OrderBy(l => l.Kind).ThenBy(l => l.Purpose, StringComparer.Ordinal)]);
        }
    }

    public Task SaveAsync(ErasureRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_lock)
        {
            _erasures[(record.TenantId, record.RequestId)] = record;
        }

        return Task.CompletedTask;
    }

    Task<ErasureRecord?> IErasureRecordStore.FindAsync(string tenantId, Guid requestId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_erasures.GetValueOrDefault((tenantId, requestId)));
        }
    }

    public Task CreateAsync(SubjectKeyRecord key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            if (_keys.ContainsKey((key.TenantId, key.KeyId))
                || _keys.Values.Any(k => k.TenantId == key.TenantId && k.SubjectReference == key.SubjectReference && k.DestroyedAt is null))
            {
                throw new DuplicateRecordException($"Tenant '{key.TenantId}' already has this subject key or an active key for the subject.");
            }

            _keys[(key.TenantId, key.KeyId)] = key with { WrappedKey = key.WrappedKey is null ? null : [.. key.WrappedKey] };
        }

        return Task.CompletedTask;
    }

    public Task<SubjectKeyRecord?> FindActiveAsync(string tenantId, string subjectReference, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_keys.Values.FirstOrDefault(k => k.TenantId == tenantId && k.SubjectReference == subjectReference && k.DestroyedAt is null));
        }
    }

    Task<SubjectKeyRecord?> ISubjectKeyStore.FindAsync(string tenantId, Guid keyId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_keys.GetValueOrDefault((tenantId, keyId)));
        }
    }

    public Task<bool> DestroyAsync(string tenantId, Guid keyId, DateTimeOffset destroyedAt, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_keys.TryGetValue((tenantId, keyId), out var key) || key.DestroyedAt is not null)
            {
                return Task.FromResult(false);
            }

            if (key.WrappedKey is not null)
            {
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(key.WrappedKey);
            }

            _keys[(tenantId, keyId)] = key with { WrappedKey = null, DestroyedAt = destroyedAt };
            return Task.FromResult(true);
        }
    }
}
