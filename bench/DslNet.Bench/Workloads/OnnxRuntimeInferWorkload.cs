using System;
using System.IO;
using System.Linq;
using DslNet.Bench.Data;
using DslNet.Bench.Harness;
using DslNet.Bench.Networks;
using DslNet.Bench.Output;
using DslNet.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace DslNet.Bench.Workloads;

/// <summary>
/// The ONNX Runtime peer of W3 and W4: the same network, weights and input as DslNet's run, exported with
/// <see cref="OnnxExport"/> and run by ONNX Runtime on one sample; µs per sample, reported under W3/W4's id with
/// <c>"peer":"onnxruntime"</c>. The session is set up as a user tuning for latency would: one intra-op and one inter-op
/// thread, sequential execution, every graph optimisation. Input and output are OrtValues over pinned arrays, bound
/// once (IOBinding), so a timed call is ONNX Runtime's <c>Run</c> alone, not its allocation of results.
/// </summary>
internal static class OnnxRuntimeInferWorkload
{
    /// <summary>W3-ORT: W3's network and input.</summary>
    public static void RunMlp(BenchOptions options) =>
        Run(options, "W3", "mlp-infer-1", new MlpNetwork(seed: 1, batchCapacity: 1), [1, MlpNetwork.InputSize],
            RandomData.Uniform(MlpNetwork.InputSize, new FastRandom(1003)));

    /// <summary>W4-ORT: W4's network and input.</summary>
    public static void RunCnn(BenchOptions options) =>
        Run(options, "W4", "cnn-infer-1", new CnnNetwork(seed: 1, batchCapacity: 1), [1, 1, 28, 28],
            RandomData.Uniform(CnnNetwork.InputSize, new FastRandom(1004)));

    private static void Run(BenchOptions options, string id, string name, IDescribedNetwork network, long[] inputShape, float[] input)
    {
        // DslNet's own answer on the same input, to show the peer computes the same thing.
        var expected = new float[network.OutputSize];
        network.Forward(input, expected, 1);

        using var model = new MemoryStream();
        OnnxExport.Save(network, model);
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        using var session = new InferenceSession(model.ToArray(), sessionOptions);
        var output = new float[network.OutputSize];
        using var inputValue = OrtValue.CreateTensorValueFromMemory(input, inputShape);
        using var outputValue = OrtValue.CreateTensorValueFromMemory(output, [1, network.OutputSize]);
        using var binding = session.CreateIoBinding();
        binding.BindInput("input", inputValue);
        binding.BindOutput("output", outputValue);
        using var runOptions = new RunOptions();

        var step = new Step(session, runOptions, binding);
        step.Run();
        double difference = expected.Zip(output, (e, a) => Math.Abs(e - a)).Max();
        bool agrees = WithinOnnxTolerance(expected, output);
        if (!agrees) Console.Error.WriteLine($"warning: {id} in ONNX Runtime differs from DslNet's Forward by up to {difference:G3}.");

        var result = Measurement.Run(ref step, options.Settings);
        WorkloadReport.Time(id, name, "us_per_sample", 1e6, result, peer: "onnxruntime")
            .Add("onnxruntime_version", OrtEnv.Instance().GetVersionString())
            .Add("io_binding", true)
            .Add("max_abs_difference", difference, 3)
            .Add("agrees_with_dslnet", agrees)
            .Print();
    }

    // The ONNX export's tolerance: |a − e| ≤ 1e-4·|e| + 1e-5·max(1, max|e|), element by element.
    private static bool WithinOnnxTolerance(float[] expected, float[] actual)
    {
        double floor = 1e-5 * Math.Max(1, expected.Max(Math.Abs));
        return expected.Zip(actual).All(p => Math.Abs(p.Second - p.First) <= 1e-4 * Math.Abs(p.First) + floor);
    }

    private readonly struct Step(InferenceSession session, RunOptions runOptions, OrtIoBinding binding) : IBenchStep
    {
        public void Run() => session.RunWithBinding(runOptions, binding);
    }
}
