using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using DslNet.Bench.Networks;
using DslNet.Bench.Output;
using DslNet.Bench.Workloads;
using DslNet.Mpi;

namespace DslNet.Bench;

/// <summary>Runs the workloads defined in bench/README.md that exist so far; JSON lines on stdout, progress on stderr.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }
        if (options.Help)
        {
            Console.Out.WriteLine(BenchOptions.Usage);
            return 0;
        }

        // Under mpirun (W10) every rank runs this program; rank 0 alone prints.
        if (Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_RANK") is { } rank && rank != "0") Console.SetOut(TextWriter.Null);
        bool optimized = IsOptimized(typeof(MlpNetwork).Assembly) && IsOptimized(typeof(INetwork).Assembly);
        PrintEnvironment(options, optimized);
        if (!optimized) Console.Error.WriteLine("warning: not an optimised build; run with -c Release for figures that mean anything.");
        if (options.BusyCore)
        {
            Console.Error.WriteLine("running W1 and W7 beside a busy core...");
            BusyCoreWorkload.Run(options);
            return 0;
        }
        Run(options, "P0", FmaPeakWorkload.Run, breakdown: null);
        Run(options, "W1", MlpTrainWorkload.Run, MlpTrainWorkload.Breakdown);
        Run(options, "W2", CnnTrainWorkload.Run, CnnTrainWorkload.Breakdown);
        Run(options, "W3", MlpInferWorkload.Run, MlpInferWorkload.Breakdown);
        Run(options, "W4", CnnInferWorkload.Run, CnnInferWorkload.Breakdown);
        // The ONNX Runtime peer of W3 and W4 (bench/run.sh runs it right after DslNet's and PyTorch's).
        Run(options, "W3-ORT", OnnxRuntimeInferWorkload.RunMlp, breakdown: null);
        Run(options, "W4-ORT", OnnxRuntimeInferWorkload.RunCnn, breakdown: null);
        Run(options, "W5", LstmTrainWorkload.Run, LstmTrainWorkload.Breakdown);
        Run(options, "W6", DenseBigWorkload.Run, DenseBigWorkload.Breakdown);
        Run(options, "W7", MlpTrainWorkload.RunOnThreads, breakdown: null);
        Run(options, "W8", CnnTrainWorkload.RunOnThreads, breakdown: null);
        Run(options, "W9", ResNetTrainWorkload.Run, breakdown: null);
        Run(options, "G1", GeneratorWorkload.Run, breakdown: null);
        // The kernel micro-bench runs only when asked for (--kernels, or K in --only): it is for tuning, not a workload.
        if (options.Only?.Contains("K") == true)
        {
            Console.Error.WriteLine("running K (kernel micro-bench)...");
            KernelMicroBench.Run(options);
        }
        // W10 needs Open MPI and mpirun, so it runs only when named: mpirun -np 2 dotnet DslNet.Bench.dll --only W10.
        if (options.Only?.Contains("W10") == true)
        {
            Console.Error.WriteLine("running W10...");
            CnnTrainMpiWorkload.Run(options);
            MpiWorld.Current?.Dispose();
        }
        return 0;
    }

    private static void Run(BenchOptions options, string id, Action<BenchOptions> workload, Action<BenchOptions>? breakdown)
    {
        if (!options.Includes(id)) return;
        Console.Error.WriteLine($"running {id}...");
        workload(options);
        if (options.Breakdown && breakdown is not null) breakdown(options);
    }

    private static void PrintEnvironment(BenchOptions options, bool optimized)
    {
        new JsonLine("env")
            .Add("peer", "dslnet")
            .Add("date_utc", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture))
            .Add("runtime", RuntimeInformation.FrameworkDescription)
            .Add("os", RuntimeInformation.OSDescription)
            .Add("cpu", CpuModel())
            .Add("processors", (long)Environment.ProcessorCount)
            .Add("vector512", Vector512.IsHardwareAccelerated)
            .Add("vector256", Vector256.IsHardwareAccelerated)
            .Add("optimized", optimized)
            .Add("quick", options.Quick)
            .Print();
    }

    // A Debug build marks its assemblies "JIT optimiser disabled".
    private static bool IsOptimized(Assembly assembly) =>
        assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;

    private static string CpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (!File.Exists(cpuInfo)) return "unknown";
        string? line = File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? "unknown" : line[(line.IndexOf(':') + 1)..].Trim();
    }
}
