using TekUp.Security.Tenants;

namespace TekUp.Security.Core.Tests.Tenants;

public class TenantIdTests
{
    [Theory]
    [InlineData("acme", true)]
    [InlineData("a.b-c_9", true)]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123", true)]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("has space", false)]
    [InlineData("$platform-secrets", false)]
    [InlineData("æøå", false)]
    [InlineData("a:b", false)]
    public void IsValidId_AppliesTheOneTenantIdRule(string? id, bool expected)
    {
        Assert.Equal(expected, Tenant.IsValidId(id));
    }
}
