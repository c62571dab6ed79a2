using DslNet.Bench.Data;
using DslNet.Bench.Harness;
using DslNet.Bench.Networks;

namespace DslNet.Bench.Workloads;

/// <summary>
/// W2 cnn-train: one Trainer step (zero gradients, forward, softmax cross-entropy, backward, SGD momentum
/// lr 0.01 m 0.9) on a fixed random batch of 64 images; samples per second.
/// </summary>
internal static class CnnTrainWorkload
{
    public const int Batch = 64;

    public static void Run(BenchOptions options) => Measure("W2", "cnn-train", threads: 1, options);

    /// <summary>W8 cnn-train-2t: the same step on <see cref="BenchOptions.Threads"/> threads, the batch split by <see cref="DataParallelNetwork"/>.</summary>
    public static void RunOnThreads(BenchOptions options) => Measure("W8", "cnn-train-2t", options.Threads, options);

    private static void Measure(string id, string name, int threads, BenchOptions options)
    {
        var (inputs, targets) = CreateData();
        ClassifierTraining.Measure(id, name, new CnnNetwork(seed: 1, batchCapacity: Batch), inputs, targets, Batch, threads, options);
    }

    /// <summary>The same step, phase by phase.</summary>
    public static void Breakdown(BenchOptions options)
    {
        var (inputs, targets) = CreateData();
        new PhaseBreakdown(new CnnNetwork(seed: 1, batchCapacity: Batch), new SoftmaxCrossEntropyLoss(), ClassifierTraining.CreateOptimizer(), inputs, targets, Batch, inputGradient: false)
            .Run("W2", options.Settings);
    }

    private static (float[] Inputs, float[] Targets) CreateData()
    {
        var random = new FastRandom(1002);
        return (RandomData.Uniform(Batch * CnnNetwork.InputSize, random), RandomData.OneHot(Batch, CnnNetwork.OutputSize, random));
    }
}
