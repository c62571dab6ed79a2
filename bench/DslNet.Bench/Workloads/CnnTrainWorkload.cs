using DslNet.Bench.Data;
using DslNet.Bench.Harness;
using DslNet.Bench.Networks;
using DslNet.Bench.Output;

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
        var network = new CnnNetwork(seed: 1, batchCapacity: Batch);
        using var parallel = threads > 1 ? new DataParallelNetwork(network, threads) : null;
        var trainer = new Trainer(
            (INetwork?)parallel ?? network,
            new SoftmaxCrossEntropyLoss(),
            CreateOptimizer(),
            new TrainerOptions { BatchSize = Batch });
        var step = new TrainerStep(trainer, inputs, targets, Batch, parallel);
        var result = Measurement.Run(ref step, options.Settings);
        var line = WorkloadReport.Rate(id, name, "samples_per_s", Batch, result, threads);
        // How often a worker was paused mid-part, so the caller ran every part alone for a while (warm-up included).
        if (parallel is not null) line.Add("late_jobs", parallel.LateJobs);
        line.Print();
    }

    /// <summary>The same step, phase by phase.</summary>
    public static void Breakdown(BenchOptions options)
    {
        var (inputs, targets) = CreateData();
        new PhaseBreakdown(new CnnNetwork(seed: 1, batchCapacity: Batch), new SoftmaxCrossEntropyLoss(), CreateOptimizer(), inputs, targets, Batch, inputGradient: false)
            .Run("W2", options.Settings);
    }

    private static SgdMomentumOptimizer CreateOptimizer() => new(learningRate: 0.01f, momentum: 0.9f);

    private static (float[] Inputs, float[] Targets) CreateData()
    {
        var random = new FastRandom(1002);
        return (RandomData.Uniform(Batch * CnnNetwork.InputSize, random), RandomData.OneHot(Batch, CnnNetwork.OutputSize, random));
    }
}
