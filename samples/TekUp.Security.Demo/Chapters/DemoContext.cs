namespace TekUp.Security.Demo.Chapters;

/// <summary>What the chapters share: the services, the narrator and the host's own record table.</summary>
internal sealed record DemoContext(IServiceProvider Services, Narrator Narrator, DemoRecords Records, string DatabasePath)
{
    public const string TenantA = "nordlys";
    public const string TenantB = "fjord";
}
