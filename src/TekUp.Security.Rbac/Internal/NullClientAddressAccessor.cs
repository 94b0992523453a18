using System.Net;

namespace TekUp.Security.Rbac.Internal;

/// <summary>The default when no host integration supplies client addresses: none is known.</summary>
internal sealed class NullClientAddressAccessor : IClientAddressAccessor
{
    public IPAddress? ClientAddress => null;
}
