using TekUp.Security.Cryptography;
using TekUp.Security.DataClasses;

namespace TekUp.Security.Crypto.Tests.Envelopes;

public sealed class EncryptionContextTests
{
    [Fact]
    public void Constructor_ValidValues_ExposesThem()
    {
        var caller = "invoices/4711"u8.ToArray();
        var context = new EncryptionContext("tenant-a", DataClass.Financial, caller);

        Assert.Equal("tenant-a", context.TenantId);
        Assert.Equal(DataClass.Financial, context.DataClass);
        Assert.Equal(caller, context.CallerContext.ToArray());
    }

    [Fact]
    public void Constructor_NoCallerContext_IsEmpty()
    {
        var context = new EncryptionContext("t", DataClass.General);
        Assert.True(context.CallerContext.IsEmpty);
    }

    [Fact]
    public void Constructor_NullTenant_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new EncryptionContext(null!, DataClass.General));
    }

    [Fact]
    public void Constructor_EmptyOrMalformedTenant_Throws()
    {
        // Built in code: lone surrogates do not survive xunit's theory-data serialisation.
        string[] tenantIds = ["", new string('\ud800', 1), "a" + '\udc00' + "b", "x" + '\udbff'];
        foreach (var tenantId in tenantIds)
        {
            var ex = Assert.Throws<ArgumentException>(() => new EncryptionContext(tenantId, DataClass.General));
            Assert.Equal("tenantId", ex.ParamName);
        }
    }

    [Fact]
    public void Constructor_TenantOf64Chars_IsAccepted_65Throws()
    {
        _ = new EncryptionContext(new string('a', 64), DataClass.General);
        Assert.Throws<ArgumentException>(() => new EncryptionContext(new string('a', 65), DataClass.General));
    }

    [Fact]
    public void Constructor_NonAsciiTenant_IsAccepted()
    {
        var context = new EncryptionContext("kø-bøf-😀", DataClass.Personal);
        Assert.Equal("kø-bøf-😀", context.TenantId);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(-1)]
    public void Constructor_UndefinedDataClass_Throws(int value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EncryptionContext("t", (DataClass)value));
    }

    [Fact]
    public void Constructor_CallerContextOverLimit_Throws()
    {
        _ = new EncryptionContext("t", DataClass.General, new byte[EncryptionContext.MaxCallerContextLength]);
        Assert.Throws<ArgumentException>(() => new EncryptionContext("t", DataClass.General, new byte[EncryptionContext.MaxCallerContextLength + 1]));
    }
}
