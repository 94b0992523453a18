using System.Net;
using Microsoft.AspNetCore.Http;
using TekUp.Security.Rbac;

namespace TekUp.Security.AspNetCore.Authorization;

/// <summary>
/// The client address of the current request for Rbac's IP conditions: the connection's remote address, which the
/// forwarded-headers middleware rewrites only for requests from the known proxies the host configured.
/// </summary>
internal sealed class HttpConnectionClientAddressAccessor(IHttpContextAccessor httpContextAccessor) : IClientAddressAccessor
{
    public IPAddress? ClientAddress => httpContextAccessor.HttpContext?.Connection.RemoteIpAddress;
}
