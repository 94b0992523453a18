using BenchmarkDotNet.Running;
using TekUp.Security.Benchmarks.Auditing;
using TekUp.Security.Benchmarks.Crypto;

// dotnet run -c Release --project benchmarks/TekUp.Security.Benchmarks -- --filter '*'
if (args is ["--crypto-interleaved"])
{
    EnvelopeInterleavedCheck.Run();
    return;
}

if (args is ["--audit-interleaved"])
{
    AuditInterleavedCheck.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
