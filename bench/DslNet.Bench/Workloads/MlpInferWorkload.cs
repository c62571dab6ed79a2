using DslNet.Bench.Data;
using DslNet.Bench.Harness;
using DslNet.Bench.Networks;
using DslNet.Bench.Output;

namespace DslNet.Bench.Workloads;

/// <summary>W3 mlp-infer-1: W1's network, one inference forward pass of one sample, softmax included; µs per sample.</summary>
internal static class MlpInferWorkload
{
    public static void Run(BenchOptions options)
    {
        var network = new MlpNetwork(seed: 1, batchCapacity: 1);
        var input = RandomData.Uniform(MlpNetwork.InputSize, new FastRandom(1003));
        var output = new float[MlpNetwork.OutputSize];
        var step = new Step(network, input, output);
        var result = Measurement.Run(ref step, options.Settings);
        WorkloadReport.Time("W3", "mlp-infer-1", "us_per_sample", 1e6, result).Print();
    }

    /// <summary>Each Dense layer's batch-1 forward kernel alone.</summary>
    public static void Breakdown(BenchOptions options) =>
        KernelBreakdown.Run("W3", new MlpNetwork(seed: 1, batchCapacity: 1), 1, forwardOnly: true, options);

    private readonly struct Step(MlpNetwork network, float[] input, float[] output) : IBenchStep
    {
        public void Run() => network.Forward(input, output, 1);
    }
}
