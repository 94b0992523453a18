using System.Net;

namespace TekUp.Security.Rbac;

/// <summary>
/// Supplies the client address of the current request to the client-IP-range condition. The host integration
/// implements it from the connection (TekUp.Security.AspNetCore uses <c>HttpContext.Connection.RemoteIpAddress</c>, which
/// honours forwarded headers only from proxies the host configured). The default implementation knows no address, so
/// IP conditions on allows do not apply and on denies do.
/// </summary>
public interface IClientAddressAccessor
{
    /// <summary>The client address of the current request, or <see langword="null"/> when unknown. Need not be normalised.</summary>
    IPAddress? ClientAddress { get; }
}
