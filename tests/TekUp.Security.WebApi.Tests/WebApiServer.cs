using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Builder;

namespace TekUp.Security.WebApi.Tests;

/// <summary>
/// The real sample application on Kestrel, bound to 127.0.0.1 on a port the OS picks, called over real sockets.
/// Tests seed tenants and keys through the application's own services, as an operator's tool would.
/// </summary>
internal sealed class WebApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebApiServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static Task<WebApiServer> StartAsync(params string[] configuration) => StartAsync(null, configuration);

    /// <summary>Starts the sample with last-word service registrations (a fake clock, for example).</summary>
    public static async Task<WebApiServer> StartAsync(Action<IServiceCollection>? services, params string[] configuration)
    {
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            "--environment", "Development",
            "--Sample:SeedDemo=false",
            "--TekUp:Security:KeyManagement:MasterKey=" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            .. configuration,
        ];
        var app = WebApiApp.Create(args, services);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new WebApiServer(app, new Uri(address));
    }

    /// <summary>A client whose connections come from another loopback address (Linux routes all of 127.0.0.0/8 to lo).</summary>
    public HttpClient ClientFrom(IPAddress localAddress)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(localAddress, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = Address };
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
