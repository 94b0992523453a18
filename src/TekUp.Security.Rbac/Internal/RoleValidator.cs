using TekUp.Security.Networking;

namespace TekUp.Security.Rbac.Internal;

/// <summary>Checks a role before it is saved and lists every problem, so that one error message tells the whole story.</summary>
internal static class RoleValidator
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 1000;
    public const int MaxPermissions = 500;
    public const int MaxParents = 32;
    public const int MaxActions = 32;
    public const int MaxConditions = 8;
    public const int MaxNetworks = 64;

    public static List<string> Validate(Role role)
    {
        var problems = new List<string>();
        if (!RbacNames.IsValidTenantId(role.TenantId))
        {
            problems.Add("TenantId must be 1-64 characters of letters, digits, '.', '-' or '_'.");
        }

        if (!RbacNames.IsValidRoleId(role.Id))
        {
            problems.Add("Id must be 1-64 characters of lower-case letters, digits, '.', '-' or '_'.");
        }

        if (string.IsNullOrWhiteSpace(role.Name) || role.Name.Length > MaxNameLength || role.Name.Any(char.IsControl))
        {
            problems.Add($"Name must be 1-{MaxNameLength} characters without control characters.");
        }

        if (role.Description is { Length: > MaxDescriptionLength })
        {
            problems.Add($"Description must be at most {MaxDescriptionLength} characters.");
        }

        ValidateParents(role, problems);
        ValidatePermissions(role.Permissions, problems);
        return problems;
    }

    private static void ValidateParents(Role role, List<string> problems)
    {
        if (role.ParentRoleIds is null)
        {
            problems.Add("ParentRoleIds must not be null.");
            return;
        }

        if (role.ParentRoleIds.Count > MaxParents)
        {
            problems.Add($"A role has at most {MaxParents} parent roles.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parent in role.ParentRoleIds)
        {
            if (!RbacNames.IsValidRoleId(parent))
            {
                problems.Add($"Parent role id '{parent}' is not a valid role id.");
            }
            else if (!seen.Add(parent))
            {
                problems.Add($"Parent role '{parent}' is listed twice.");
            }
        }
    }

    private static void ValidatePermissions(IReadOnlyList<Permission>? permissions, List<string> problems)
    {
        if (permissions is null)
        {
            problems.Add("Permissions must not be null.");
            return;
        }

        if (permissions.Count > MaxPermissions)
        {
            problems.Add($"A role has at most {MaxPermissions} permissions.");
            return;
        }

        for (var i = 0; i < permissions.Count; i++)
        {
            var permission = permissions[i];
            if (permission is null)
            {
                problems.Add($"Permission {i} is null.");
                continue;
            }

            var where = $"Permission {i} ({permission.Resource})";
            if (!RbacNames.IsValidResource(permission.Resource))
            {
                problems.Add($"{where}: the resource must be '*' or 1-{RbacNames.MaxResourceLength} characters of lower-case letters, digits, '.', '-', '_', ':' or '/'.");
            }

            if (!Enum.IsDefined(permission.Effect))
            {
                problems.Add($"{where}: unknown effect {(int)permission.Effect}.");
            }

            ValidateActions(permission.Actions, where, problems);
            ValidateConditions(permission.Conditions, where, problems);
        }
    }

    private static void ValidateActions(IReadOnlyList<string>? actions, string where, List<string> problems)
    {
        if (actions is null || actions.Count == 0 || actions.Count > MaxActions)
        {
            problems.Add($"{where}: between 1 and {MaxActions} actions are required.");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var action in actions)
        {
            if (!RbacNames.IsValidAction(action))
            {
                problems.Add($"{where}: action '{action}' must be '*' or 1-{RbacNames.MaxActionLength} characters of lower-case letters, digits, '.', '-' or '_'.");
            }
            else if (!seen.Add(action))
            {
                problems.Add($"{where}: action '{action}' is listed twice.");
            }
        }
    }

    private static void ValidateConditions(IReadOnlyList<PermissionCondition>? conditions, string where, List<string> problems)
    {
        if (conditions is null)
        {
            problems.Add($"{where}: Conditions must not be null.");
            return;
        }

        if (conditions.Count > MaxConditions)
        {
            problems.Add($"{where}: at most {MaxConditions} conditions.");
            return;
        }

        foreach (var condition in conditions)
        {
            switch (condition)
            {
                case null:
                    problems.Add($"{where}: a condition is null.");
                    break;
                case TimeWindowCondition window:
                    ValidateTimeWindow(window, where, problems);
                    break;
                case ClientIpRangeCondition range:
                    ValidateClientIpRange(range, where, problems);
                    break;
                default:
                    break;
            }
        }
    }

    private static void ValidateTimeWindow(TimeWindowCondition window, string where, List<string> problems)
    {
        if (!TimeZones.TryFind(window.TimeZoneId, out _))
        {
            problems.Add($"{where}: time zone '{window.TimeZoneId}' is not known on this system (use an IANA id such as Europe/Copenhagen).");
        }

        if (window.Days is null || window.Days.Count == 0)
        {
            problems.Add($"{where}: a time window needs at least one day.");
        }
        else if (window.Days.Any(d => !Enum.IsDefined(d)) || window.Days.Distinct().Count() != window.Days.Count)
        {
            problems.Add($"{where}: time window days must be distinct days of the week.");
        }

        if (window.Start == window.End)
        {
            problems.Add($"{where}: a time window's start and end must differ (use no time condition for all day).");
        }
    }

    private static void ValidateClientIpRange(ClientIpRangeCondition range, string where, List<string> problems)
    {
        if (range.Networks is null || range.Networks.Count == 0 || range.Networks.Count > MaxNetworks)
        {
            problems.Add($"{where}: a client IP range needs 1-{MaxNetworks} networks.");
            return;
        }

        foreach (var text in range.Networks)
        {
            if (!IpAddresses.TryParseNetwork(text, out _, out var error))
            {
                problems.Add($"{where}: {error}");
            }
        }
    }
}
