using DslNet.Bench.Data;
using DslNet.Bench.Harness;
using DslNet.Bench.Networks;
using DslNet.Bench.Output;

namespace DslNet.Bench.Workloads;

/// <summary>W4 cnn-infer-1: W2's network, one inference forward pass of one image, softmax included; µs per sample.</summary>
internal static class CnnInferWorkload
{
    public static void Run(BenchOptions options)
    {
        var network = new CnnNetwork(seed: 1, batchCapacity: 1);
        var input = RandomData.Uniform(CnnNetwork.InputSize, new FastRandom(1004));
        var output = new float[CnnNetwork.OutputSize];
        var step = new Step(network, input, output);
        var result = Measurement.Run(ref step, options.Settings);
        WorkloadReport.Time("W4", "cnn-infer-1", "us_per_sample", 1e6, result).Print();
    }

    private readonly struct Step(CnnNetwork network, float[] input, float[] output) : IBenchStep
    {
        public void Run() => network.Forward(input, output, 1);
    }
}
