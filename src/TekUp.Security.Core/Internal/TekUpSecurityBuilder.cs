using Microsoft.Extensions.DependencyInjection;

namespace TekUp.Security.Internal;

internal sealed class TekUpSecurityBuilder(IServiceCollection services) : ITekUpSecurityBuilder
{
    public IServiceCollection Services { get; } = services;
}
