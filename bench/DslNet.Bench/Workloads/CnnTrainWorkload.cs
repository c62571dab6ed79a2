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

    public static void Run(BenchOptions options)
    {
        var (inputs, targets) = CreateData();
        var trainer = new Trainer(
            new CnnNetwork(seed: 1, batchCapacity: Batch),
            new SoftmaxCrossEntropyLoss(),
            CreateOptimizer(),
            new TrainerOptions { BatchSize = Batch });
        var step = new Step(trainer, inputs, targets);
        var result = Measurement.Run(ref step, options.Settings);
        WorkloadReport.Rate("W2", "cnn-train", "samples_per_s", Batch, result, options).Print();
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

    private readonly struct Step(Trainer trainer, float[] inputs, float[] targets) : IBenchStep
    {
        public void Run() => trainer.TrainStep(inputs, targets, Batch);
    }
}
