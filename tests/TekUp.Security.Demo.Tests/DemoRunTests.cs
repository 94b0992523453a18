using System.Reflection;
using System.Text;

namespace TekUp.Security.Demo.Tests;

/// <summary>
/// Runs the console demo (the project's main job) in a temp folder, twice, as a user would, and checks that the
/// story's steps happened. The demo changes the working directory and the console, so this assembly has one test class.
/// </summary>
public sealed class DemoRunTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tekup-demo-").FullName;
    private readonly string _originalDirectory = Environment.CurrentDirectory;

    [Fact]
    public async Task Demo_RunTwiceInOneFolder_TellsTheWholeStoryBothTimes()
    {
        var (firstExit, first) = await RunDemoAsync();
        var (secondExit, second) = await RunDemoAsync();

        Assert.True(firstExit == 0, first);
        Assert.True(secondExit == 0, second);
        Assert.Contains("No database from an earlier run", first, StringComparison.Ordinal);
        Assert.Contains("Found tekup-security.db from an earlier run", second, StringComparison.Ordinal);
        Assert.Contains("(exists, reused)", second, StringComparison.Ordinal);
        foreach (var output in new[] { first, second })
        {
            Assert.Contains("[refused] decrypting as tenant 'fjord'", output, StringComparison.Ordinal);
            Assert.Contains("still opens with its rotated key", output, StringComparison.Ordinal);
            Assert.Contains("[refused] decrypting customer-7 of 'fjord': the key was destroyed", output, StringComparison.Ordinal);
            foreach (var reason in new[] { "malformed_key", "bad_checksum", "unknown_key", "ip_not_allowed", "ip_blocked", "invalid_token_algorithm", "token_revoked", "tenant_suspended", "revoked_key", "rate_limited" })
            {
                Assert.Contains($": {reason}", output, StringComparison.Ordinal);
            }

            Assert.Contains("[refused] tom   invoices:create: denied (explicit_deny)", output, StringComparison.Ordinal);
            Assert.Contains("[refused] customer-1001 reads customer-1002: denied (condition_not_met)", output, StringComparison.Ordinal);
            Assert.Contains("match their SHA-256 digests in the manifest", output, StringComparison.Ordinal);
            Assert.Contains("erasure request: PartiallyCompleted", output, StringComparison.Ordinal);
            Assert.Contains("Art. 17(3)(b)", output, StringComparison.Ordinal);
            Assert.Contains("[refused] overdue: Portability request", output, StringComparison.Ordinal);
            Assert.Matches(@"\[ok\] chain intact: \d+ entries", output);
            Assert.Matches(@"\[refused\] verification failed at entry #\d+", output);
            Assert.DoesNotContain("[FAILED]", output, StringComparison.Ordinal);
            Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal); // plain text when redirected
        }
    }

    private async Task<(int ExitCode, string Output)> RunDemoAsync()
    {
        var entryPoint = typeof(Narrator).Assembly.EntryPoint!;
        var output = new StringWriter(new StringBuilder());
        var originalOut = Console.Out;
        Environment.CurrentDirectory = _folder;
        Console.SetOut(output);
        try
        {
            var result = entryPoint.Invoke(null, [Array.Empty<string>()]);
            var exitCode = result is Task<int> task ? await task : (int)result!;
            return (exitCode, output.ToString());
        }
        catch (TargetInvocationException ex)
        {
            return (-1, output + Environment.NewLine + ex.InnerException);
        }
        finally
        {
            Console.SetOut(originalOut);
            Environment.CurrentDirectory = _originalDirectory;
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
