using System.Collections.Frozen;

namespace TekUp.Security.Rbac.Internal;

/// <summary>Builds a principal's <see cref="CompiledPermissionSet"/> from the tenant's roles and the principal's assignments.</summary>
internal static class PermissionSetCompiler
{
    private static readonly Candidate[] None = [];

    /// <param name="roles">The tenant's roles by id.</param>
    /// <param name="assignedRoleIds">The principal's assigned role ids. Ids of roles that no longer exist are ignored.</param>
    public static CompiledPermissionSet Compile(FrozenDictionary<string, Role> roles, IEnumerable<string> assignedRoleIds)
    {
        var paths = ResolveRoles(roles, assignedRoleIds, out var assigned);
        var byResource = new Dictionary<string, Buckets>(StringComparer.OrdinalIgnoreCase);
        var anyResource = new Buckets();
        var effective = new List<EffectivePermission>();

        foreach (var (roleId, path) in paths)
        {
            foreach (var permission in roles[roleId].Permissions)
            {
                if (permission is null)
                {
                    continue;
                }

                effective.Add(new EffectivePermission { Permission = permission, RoleId = roleId, RolePath = path });
                var candidate = new Candidate(permission, roleId, path, CompileConditions(permission));
                var buckets = permission.Resource == Permission.Wildcard
                    ? anyResource
                    : GetOrAdd(byResource, permission.Resource ?? string.Empty);
                buckets.Add(permission.Actions ?? [], candidate);
            }
        }

        var resources = new Dictionary<string, ResourceEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var (resource, buckets) in byResource)
        {
            resources[resource] = Merge(buckets, anyResource);
        }

        return new CompiledPermissionSet(
            resources.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
            Merge(new Buckets(), anyResource),
            Explanations.NoMatch(assigned),
            effective);
    }

    /// <summary>
    /// Walks from the assigned roles up through their parents, breadth first, so that each role is reached by its shortest
    /// chain. A visited set makes a cycle in stored data (which the manager refuses, but a store could hold) harmless.
    /// </summary>
    private static List<(string RoleId, string[] Path)> ResolveRoles(FrozenDictionary<string, Role> roles, IEnumerable<string> assignedRoleIds, out List<string> assigned)
    {
        var result = new List<(string, string[])>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<(string, string[])>();
        assigned = [];
        foreach (var id in assignedRoleIds.Order(StringComparer.Ordinal))
        {
            if (roles.ContainsKey(id) && seen.Add(id))
            {
                assigned.Add(id);
                queue.Enqueue((id, [id]));
            }
        }

        while (queue.TryDequeue(out var item))
        {
            result.Add(item);
            foreach (var parent in roles[item.Item1].ParentRoleIds ?? [])
            {
                if (parent is not null && roles.ContainsKey(parent) && seen.Add(parent))
                {
                    queue.Enqueue((parent, [.. item.Item2, parent]));
                }
            }
        }

        return result;
    }

    private static CompiledCondition[] CompileConditions(Permission permission)
    {
        var conditions = permission.Conditions ?? [];
        var compiled = new CompiledCondition[conditions.Count];
        for (var i = 0; i < compiled.Length; i++)
        {
            compiled[i] = CompiledCondition.Compile(conditions[i]);
        }

        return compiled;
    }

    private static Buckets GetOrAdd(Dictionary<string, Buckets> byResource, string resource)
    {
        if (!byResource.TryGetValue(resource, out var buckets))
        {
            buckets = new Buckets();
            byResource[resource] = buckets;
        }

        return buckets;
    }

    /// <summary>Folds the wildcard-resource candidates into a resource's entry: exact, then any-action, for every action.</summary>
    private static ResourceEntry Merge(Buckets resource, Buckets anyResource)
    {
        var actions = new Dictionary<string, Candidate[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var action in resource.ByAction.Keys.Concat(anyResource.ByAction.Keys).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            actions[action] = Rank(
                resource.ByAction.GetValueOrDefault(action, []),
                resource.AnyAction,
                anyResource.ByAction.GetValueOrDefault(action, []),
                anyResource.AnyAction);
        }

        return new ResourceEntry(
            actions.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
            Rank(resource.AnyAction, anyResource.AnyAction));
    }

    private static Candidate[] Rank(params List<Candidate>[] lists)
    {
        var all = lists.SelectMany(l => l).Distinct(ReferenceEqualityComparer.Instance).Cast<Candidate>().OrderBy(c => c.Rank).ToArray();
        return all.Length == 0 ? None : all;
    }

    /// <summary>The candidates of one resource (or of the wildcard resource) before merging.</summary>
    private sealed class Buckets
    {
        public Dictionary<string, List<Candidate>> ByAction { get; } = new(StringComparer.OrdinalIgnoreCase);

        public List<Candidate> AnyAction { get; } = [];

        public void Add(IReadOnlyList<string> actions, Candidate candidate)
        {
            if (actions.Contains(Permission.Wildcard))
            {
                AnyAction.Add(candidate);
                return;
            }

            foreach (var action in actions)
            {
                if (action is null)
                {
                    continue;
                }

                if (!ByAction.TryGetValue(action, out var list))
                {
                    list = [];
                    ByAction[action] = list;
                }

                list.Add(candidate);
            }
        }
    }
}
