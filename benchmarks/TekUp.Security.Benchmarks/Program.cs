using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/TekUp.Security.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
