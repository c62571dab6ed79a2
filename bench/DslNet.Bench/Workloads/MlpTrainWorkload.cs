using DslNet.Bench.Data;
using DslNet.Bench.Harness;
using DslNet.Bench.Networks;

namespace DslNet.Bench.Workloads;

/// <summary>
/// W1 mlp-train: one Trainer step (zero gradients, forward, softmax cross-entropy, backward, SGD momentum
/// lr 0.01 m 0.9) on a fixed random batch of 64; samples per second.
/// </summary>
internal static class MlpTrainWorkload
{
    public const int Batch = 64;

    public static void Run(BenchOptions options) => Measure("W1", "mlp-train", threads: 1, options);

    /// <summary>W1, printed; returns its median samples per second.</summary>
    public static double MeasureOnOneThread(BenchOptions options) => Measure("W1", "mlp-train", threads: 1, options);

    /// <summary>W7 mlp-train-2t: the same step on <see cref="BenchOptions.Threads"/> threads, the batch split by <see cref="DataParallelNetwork"/>.</summary>
    public static void RunOnThreads(BenchOptions options) => Measure("W7", "mlp-train-2t", options.Threads, options);

    /// <summary>W7, printed; returns its median samples per second.</summary>
    public static double MeasureOnThreads(BenchOptions options) => Measure("W7", "mlp-train-2t", options.Threads, options);

    private static double Measure(string id, string name, int threads, BenchOptions options)
    {
        var (inputs, targets) = CreateData();
        return ClassifierTraining.Measure(id, name, new MlpNetwork(seed: 1, batchCapacity: Batch), inputs, targets, Batch, threads, options);
    }

    /// <summary>The same step, phase by phase, then each Dense kernel alone.</summary>
    public static void Breakdown(BenchOptions options)
    {
        var (inputs, targets) = CreateData();
        var network = new MlpNetwork(seed: 1, batchCapacity: Batch);
        new PhaseBreakdown(network, new SoftmaxCrossEntropyLoss(), ClassifierTraining.CreateOptimizer(), inputs, targets, Batch, inputGradient: false)
            .Run("W1", options.Settings);
        KernelBreakdown.Run("W1", network, Batch, forwardOnly: false, options);
    }

    private static (float[] Inputs, float[] Targets) CreateData()
    {
        var random = new FastRandom(1001);
        return (RandomData.Uniform(Batch * MlpNetwork.InputSize, random), RandomData.OneHot(Batch, MlpNetwork.OutputSize, random));
    }
}
