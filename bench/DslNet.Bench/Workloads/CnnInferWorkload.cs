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

    /// <summary>W4 and the same network with batch normalisation, measured back to back: what BatchNorm costs at inference.</summary>
    public static void Breakdown(BenchOptions options)
    {
        var input = RandomData.Uniform(CnnNetwork.InputSize, new FastRandom(1004));
        var output = new float[CnnNetwork.OutputSize];
        var plain = new Step(new CnnNetwork(seed: 1, batchCapacity: 1), input, output);
        var normed = new Step(new NormedCnnNetwork(seed: 1, batchCapacity: 1), input, output);
        var plainResult = Measurement.Run(ref plain, options.Settings);
        var normedResult = Measurement.Run(ref normed, options.Settings);
        WorkloadReport.Time("W4.plain", "cnn-infer-1", "us_per_sample", 1e6, plainResult).Print();
        WorkloadReport.Time("W4.batchnorm", "cnn-infer-1-batchnorm", "us_per_sample", 1e6, normedResult)
            .Add("ratio_to_plain", normedResult.MedianSeconds / plainResult.MedianSeconds, 3).Print();
    }

    private readonly struct Step(INetwork network, float[] input, float[] output) : IBenchStep
    {
        public void Run() => network.Forward(input, output, 1);
    }
}
