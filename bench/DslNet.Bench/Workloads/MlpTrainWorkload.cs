using DslNet.Bench.Data;
using DslNet.Bench.Harness;
using DslNet.Bench.Networks;
using DslNet.Bench.Output;

namespace DslNet.Bench.Workloads;

/// <summary>
/// W1 mlp-train: one Trainer step (zero gradients, forward, softmax cross-entropy, backward, SGD momentum
/// lr 0.01 m 0.9) on a fixed random batch of 64; samples per second.
/// </summary>
internal static class MlpTrainWorkload
{
    public const int Batch = 64;

    public static void Run(BenchOptions options)
    {
        var (inputs, targets) = CreateData();
        var trainer = new Trainer(
            new MlpNetwork(seed: 1, batchCapacity: Batch),
            new SoftmaxCrossEntropyLoss(),
            CreateOptimizer(),
            new TrainerOptions { BatchSize = Batch });
        var step = new Step(trainer, inputs, targets);
        var result = Measurement.Run(ref step, options.Settings);
        WorkloadReport.Rate("W1", "mlp-train", "samples_per_s", Batch, result, options).Print();
    }

    /// <summary>The same step, phase by phase, then each Dense kernel alone.</summary>
    public static void Breakdown(BenchOptions options)
    {
        var (inputs, targets) = CreateData();
        var network = new MlpNetwork(seed: 1, batchCapacity: Batch);
        new PhaseBreakdown(network, new SoftmaxCrossEntropyLoss(), CreateOptimizer(), inputs, targets, Batch, inputGradient: false)
            .Run("W1", options.Settings);
        KernelBreakdown.Run("W1", network, Batch, forwardOnly: false, options);
    }

    private static SgdMomentumOptimizer CreateOptimizer() => new(learningRate: 0.01f, momentum: 0.9f);

    private static (float[] Inputs, float[] Targets) CreateData()
    {
        var random = new FastRandom(1001);
        return (RandomData.Uniform(Batch * MlpNetwork.InputSize, random), RandomData.OneHot(Batch, MlpNetwork.OutputSize, random));
    }

    private readonly struct Step(Trainer trainer, float[] inputs, float[] targets) : IBenchStep
    {
        public void Run() => trainer.TrainStep(inputs, targets, Batch);
    }
}
