using BenchmarkDotNet.Running;
using TekUp.Security.Benchmarks.Auditing;
using TekUp.Security.Benchmarks.Auth;
using TekUp.Security.Benchmarks.Crypto;
using TekUp.Security.Benchmarks.KeyManagement;

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

if (args is ["--keys-interleaved"])
{
    EncryptionServiceInterleavedCheck.Run();
    return;
}

if (args is ["--auth-interleaved"])
{
    AuthInterleavedCheck.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
