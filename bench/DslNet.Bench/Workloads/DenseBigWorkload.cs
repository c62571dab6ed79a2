using DslNet.Bench.Data;
using DslNet.Bench.Harness;
using DslNet.Bench.Networks;
using DslNet.Bench.Output;

namespace DslNet.Bench.Workloads;

/// <summary>
/// W6 dense-big: Dense 1024 → 1024, linear, MSE; zero gradients, forward, loss, backward with the input
/// gradient, plain SGD (lr 0.01), batch 256. GFLOP/s counting 6·B·in·out per step (three products).
/// </summary>
internal static class DenseBigWorkload
{
    public const int Batch = 256;
    private const int Size = 1024;

    public static void Run(BenchOptions options)
    {
        var step = Create();
        var result = Measurement.Run(ref step, options.Settings);
        const double flopPerStep = 6.0 * Batch * Size * Size;
        WorkloadReport.Rate("W6", "dense-big", "gflop_per_s", flopPerStep / 1e9, result).Print();
    }

    /// <summary>The same step, phase by phase, then each Dense kernel alone.</summary>
    public static void Breakdown(BenchOptions options)
    {
        var random = new FastRandom(1006);
        var network = new DenseBigNetwork(seed: 1, batchCapacity: Batch);
        new PhaseBreakdown(network, new MeanSquaredErrorLoss(), new SgdOptimizer(learningRate: 0.01f),
                RandomData.Gaussian(Batch * Size, random), RandomData.Gaussian(Batch * Size, random), Batch, inputGradient: true)
            .Run("W6", options.Settings);
        KernelBreakdown.Run("W6", network, Batch, forwardOnly: false, options);
    }

    private static Step Create()
    {
        var random = new FastRandom(1006);
        return new Step(
            new DenseBigNetwork(seed: 1, batchCapacity: Batch),
            new MeanSquaredErrorLoss(),
            new SgdOptimizer(learningRate: 0.01f),
            RandomData.Gaussian(Batch * Size, random),
            RandomData.Gaussian(Batch * Size, random),
            new float[Batch * Size],
            new float[Batch * Size],
            new float[Batch * Size]);
    }

    // The Trainer skips the input gradient (it trains one network), so W6 writes its step out.
    private readonly struct Step(
        DenseBigNetwork network, MeanSquaredErrorLoss loss, SgdOptimizer optimizer,
        float[] inputs, float[] targets, float[] output, float[] outputGradient, float[] inputGradient) : IBenchStep
    {
        public void Run()
        {
            network.ZeroGradients();
            network.Forward(inputs, output, Batch, training: true);
            loss.Compute(output, targets, outputGradient, Batch, Activation.Linear);
            network.Backward(outputGradient, inputGradient, Batch);
            optimizer.Step(network.Parameters, network.Gradients);
        }
    }
}
