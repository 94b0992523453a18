using TekUp.Security.AspNetCore.Authorization;

namespace TekUp.Security.AspNetCore.Tests.Authorization;

public sealed class PermissionPolicyNameTests
{
    [Theory]
    [InlineData("invoices", "read")]
    [InlineData("billing:invoices", "approve")]
    [InlineData("*", "*")]
    public void Format_ThenTryParse_RoundTrips(string resource, string action)
    {
        var name = PermissionPolicyName.Format(resource, action);

        Assert.True(PermissionPolicyName.TryParse(name, out var parsedResource, out var parsedAction));
        Assert.Equal(resource, parsedResource);
        Assert.Equal(action, parsedAction);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("invoices:read")]
    [InlineData("TekUp.Permission:")]
    [InlineData("TekUp.Permission:invoices")]
    [InlineData("TekUp.Permission::read")]
    [InlineData("TekUp.Permission:invoices:")]
    [InlineData("tekup.permission:invoices:read")]
    public void TryParse_OtherNames_ReturnsFalse(string? name)
    {
        Assert.False(PermissionPolicyName.TryParse(name, out _, out _));
    }

    [Theory]
    [InlineData("", "read")]
    [InlineData("invoices", "")]
    [InlineData("invoices", "re:ad")]
    public void Format_BadParts_Throws(string resource, string action)
    {
        Assert.Throws<ArgumentException>(() => PermissionPolicyName.Format(resource, action));
    }
}
