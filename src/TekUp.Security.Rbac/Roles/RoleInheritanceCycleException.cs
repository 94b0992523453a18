namespace TekUp.Security.Rbac;

/// <summary>A role was refused because its parent roles would make it inherit from itself.</summary>
public sealed class RoleInheritanceCycleException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public RoleInheritanceCycleException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RoleInheritanceCycleException(string message)
        : base(message)
    {
        Cycle = [];
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public RoleInheritanceCycleException(string message, Exception innerException)
        : base(message, innerException)
    {
        Cycle = [];
    }

    /// <summary>Creates the exception for a cycle.</summary>
    /// <param name="cycle">The role ids along the cycle, the first repeated at the end.</param>
    public RoleInheritanceCycleException(IReadOnlyList<string> cycle)
        : base(cycle is { Count: > 0 } ? $"Role inheritance cycle: {string.Join(" -> ", cycle)}." : "Role inheritance cycle.")
    {
        Cycle = cycle ?? [];
    }

    /// <summary>The role ids along the cycle, starting and ending with the same role.</summary>
    public IReadOnlyList<string> Cycle { get; }
}
