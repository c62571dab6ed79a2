using DslNet.Bench.Harness;
using DslNet.Bench.Output;

namespace DslNet.Bench.Workloads;

/// <summary>
/// The step W1, W2, W7 and W8 time: a Trainer step (zero gradients, forward, softmax cross-entropy, backward, SGD
/// momentum lr 0.01 m 0.9) on a fixed batch, on one thread or, through <see cref="DataParallelNetwork"/>, on several.
/// </summary>
internal static class ClassifierTraining
{
    public static SgdMomentumOptimizer CreateOptimizer() => new(learningRate: 0.01f, momentum: 0.9f);

    /// <summary>Measures and prints the step; returns its median samples per second.</summary>
    public static double Measure(string id, string name, INetwork network, float[] inputs, float[] targets, int batch, int threads, BenchOptions options)
    {
        using var parallel = threads > 1 ? new DataParallelNetwork(network, threads) : null;
        var trainer = new Trainer(
            (INetwork?)parallel ?? network,
            new SoftmaxCrossEntropyLoss(),
            CreateOptimizer(),
            new TrainerOptions { BatchSize = batch });
        var step = new TrainerStep(trainer, inputs, targets, batch, parallel);
        var result = Measurement.Run(ref step, options.Settings);
        var line = WorkloadReport.Rate(id, name, "samples_per_s", batch, result, threads);
        // How often a worker was paused mid-part, so the caller ran every part alone for a while, and how often the
        // caller re-ran a part a worker was late with (warm-up included).
        if (parallel is not null) line.Add("late_jobs", parallel.LateJobs).Add("backup_runs", parallel.BackupRuns);
        line.Print();
        return result.Rate(batch).Median;
    }
}
