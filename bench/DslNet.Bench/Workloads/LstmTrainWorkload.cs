using DslNet.Bench.Data;
using DslNet.Bench.Harness;
using DslNet.Bench.Networks;
using DslNet.Bench.Output;

namespace DslNet.Bench.Workloads;

/// <summary>
/// W5 lstm-train: one Trainer step (forward over 35 steps, softmax cross-entropy on the last hidden state's Dense,
/// backpropagation through time, Adam lr 1e-3) on a fixed random batch of 32 sequences; sequences per second.
/// </summary>
internal static class LstmTrainWorkload
{
    public const int Batch = 32, TimeSteps = 35;

    public static void Run(BenchOptions options)
    {
        var (inputs, targets) = CreateData();
        var trainer = new Trainer(
            new LstmNetwork(TimeSteps, seed: 1, batchCapacity: Batch),
            new SoftmaxCrossEntropyLoss(),
            new AdamOptimizer(1e-3f),
            new TrainerOptions { BatchSize = Batch });
        var step = new TrainerStep(trainer, inputs, targets, Batch);
        var result = Measurement.Run(ref step, options.Settings);
        WorkloadReport.Rate("W5", "lstm-train", "sequences_per_s", Batch, result).Print();
    }

    /// <summary>The same step, phase by phase.</summary>
    public static void Breakdown(BenchOptions options)
    {
        var (inputs, targets) = CreateData();
        new PhaseBreakdown(new LstmNetwork(TimeSteps, seed: 1, batchCapacity: Batch), new SoftmaxCrossEntropyLoss(), new AdamOptimizer(1e-3f), inputs, targets, Batch, inputGradient: false)
            .Run("W5", options.Settings);
    }

    private static (float[] Inputs, float[] Targets) CreateData()
    {
        var random = new FastRandom(1005);
        return (RandomData.Uniform(Batch * TimeSteps * LstmNetwork.StepInputSize, random), RandomData.OneHot(Batch, LstmNetwork.StepOutputSize, random));
    }
}
