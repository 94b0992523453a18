using System.Security.Cryptography;
using TekUp.Security.Cryptography.Internal;

namespace TekUp.Security.Crypto.Tests.Internal;

public sealed class FixedTimeTests
{
    [Fact]
    public void Equals32_SameBytes_IsTrue()
    {
        var value = RandomNumberGenerator.GetBytes(32);
        Assert.True(FixedTime.Equals32(value, value.ToArray()));
    }

    [Fact]
    public void Equals32_AnyByteDifferent_IsFalse()
    {
        var value = RandomNumberGenerator.GetBytes(32);
        for (var i = 0; i < 32; i++)
        {
            foreach (var mask in new byte[] { 0x01, 0x80 })
            {
                var other = value.ToArray();
                other[i] ^= mask;
                Assert.False(FixedTime.Equals32(value, other));
            }
        }
    }

    [Theory]
    [InlineData(31, 32)]
    [InlineData(32, 33)]
    [InlineData(0, 0)]
    public void Equals32_WrongLength_Throws(int left, int right)
    {
        Assert.Throws<ArgumentException>(() => FixedTime.Equals32(new byte[left], new byte[right]));
    }
}
