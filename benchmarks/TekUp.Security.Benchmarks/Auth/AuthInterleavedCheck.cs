using System.Diagnostics;
using System.Globalization;

namespace TekUp.Security.Benchmarks.Auth;

/// <summary>
/// A cross-check of <see cref="ApiKeyAuthenticationBenchmarks"/> and <see cref="SessionTokenBenchmarks"/> for a shared,
/// noisy machine: it alternates short batches of each baseline and its candidate and reports the fastest batch of each
/// (the least disturbed), the ratio of those minima and the median of per-round ratios.
/// Run: <c>dotnet run -c Release --project benchmarks/TekUp.Security.Benchmarks -- --auth-interleaved</c>.
/// </summary>
internal static class AuthInterleavedCheck
{
    private const int Rounds = 300;
    private const int WarmupRounds = 30;

    public static void Run()
    {
        var keys = new ApiKeyAuthenticationBenchmarks();
        keys.Setup();
        var sessions = new SessionTokenBenchmarks();
        sessions.Setup();
        try
        {
            Console.WriteLine("| comparison | baseline min (ns) | candidate min (ns) | ratio of minima | median of round ratios |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            Compare("valid key, warm: IAuthenticator vs bare HMAC + Dictionary", 2000, () => keys.BareHmacAndDictionaryLookup(), () => keys.ValidKey());
            Compare("bad checksum: IAuthenticator vs ApiKeyFormat.Validate", 2000, () => keys.MalformedFormatCheck(), () => keys.MalformedPipeline());
            Compare("session token: IAuthenticator vs bare ValidateTokenAsync", 200, () => sessions.BareValidateTokenAsync().GetAwaiter().GetResult(), () => sessions.Pipeline().GetAwaiter().GetResult());
        }
        finally
        {
            keys.Cleanup();
            sessions.Cleanup();
        }
    }

    private static void Compare(string name, int batch, Action baseline, Action candidate)
    {
        var baseTimes = new List<double>();
        var candidateTimes = new List<double>();
        var ratios = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var b = Time(baseline, batch);
            var c = Time(candidate, batch);
            if (round >= WarmupRounds)
            {
                baseTimes.Add(b);
                candidateTimes.Add(c);
                ratios.Add(c / b);
            }
        }

        ratios.Sort();
        var baseMin = baseTimes.Min();
        var candidateMin = candidateTimes.Min();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {baseMin:F0} | {candidateMin:F0} | {candidateMin / baseMin:F2} | {ratios[ratios.Count / 2]:F2} |"));
    }

    private static double Time(Action action, int batch)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < batch; i++)
        {
            action();
        }

        return Stopwatch.GetElapsedTime(start).TotalNanoseconds / batch;
    }
}
