using System;
using System.Linq;
using Xunit;

namespace DslNet.Tests;

/// <summary>L1 and L2 penalties reach the reported loss and the gradients the optimiser sees, on the slices they name.</summary>
public sealed class WeightPenaltyTests
{
    [Theory]
    [InlineData(0.3f, 0f, false)]
    [InlineData(0f, 0.2f, false)]
    [InlineData(0.1f, 0.05f, false)]
    [InlineData(0.1f, 0.05f, true)]
    public void TheStepLossAndGradientAreThoseOfTheDataLossPlusThePenalty(float l1, float l2, bool includeBiases)
    {
        const int batch = 4, inputs = 3, outputs = 2;
        var network = new LinearTestNetwork(inputs, outputs, Activation.Linear, seed: 7);
        TestData.Uniform(network.ParameterCount, -1, 1, seed: 8).CopyTo(network.Parameters);
        var optimizer = new RecordingOptimizer();
        var loss = new MeanSquaredErrorLoss();
        var trainer = new Trainer(network, loss, optimizer,
            new TrainerOptions { Penalties = [new WeightPenalty(l1, l2) { IncludeBiases = includeBiases }] });
        float[] x = TestData.Uniform(batch * inputs, -1, 1, seed: 9);
        float[] t = TestData.Uniform(batch * outputs, -1, 1, seed: 10);
        int penalised = includeBiases ? network.ParameterCount : inputs * outputs;

        float stepLoss = trainer.TrainStep(x, t, batch);

        Assert.Equal(Total(network.Parameters.ToArray()), stepLoss, tolerance: 1e-5);
        const float h = 1e-2f;
        for (int k = 0; k < network.ParameterCount; k++)
        {
            float[] plus = network.Parameters.ToArray(), minus = network.Parameters.ToArray();
            plus[k] += h;
            minus[k] -= h;
            double numeric = (Total(plus) - Total(minus)) / (2.0 * h);
            Assert.True(Math.Abs(optimizer.LastGradients[k] - numeric) <= 2e-4 + 1e-2 * Math.Abs(numeric),
                $"parameter {k}: analytic {optimizer.LastGradients[k]}, numeric {numeric}.");
        }

        double Total(float[] parameters)
        {
            var probe = new LinearTestNetwork(inputs, outputs, Activation.Linear);
            parameters.CopyTo(probe.Parameters);
            var output = new float[batch * outputs];
            probe.Forward(x, output, batch);
            double penalty = 0;
            for (int k = 0; k < penalised; k++) penalty += l1 * Math.Abs(parameters[k]) + l2 * (double)parameters[k] * parameters[k];
            return loss.Compute(output, t, Span<float>.Empty, batch, Activation.Linear) + penalty;
        }
    }

    [Fact]
    public void L1AddsAlphaTimesTheSignAndNothingAtZero()
    {
        var network = new LinearTestNetwork(2, 2, Activation.Linear);
        float[] weights = [0f, 0.5f, -0.25f, 0f];
        weights.CopyTo(network.Weights);
        float[] plain = GradientsAfterOneStep(network, []);
        float[] penalised = GradientsAfterOneStep(network, [WeightPenalty.L1(0.1f)]);

        float[] difference = penalised.Zip(plain, (a, b) => a - b).ToArray();

        Assert.Equal([0f, 0.1f, -0.1f, 0f, 0f, 0f], difference.Select(d => MathF.Round(d, 6)));
    }

    [Fact]
    public void APenaltyOnOneLayerLeavesTheOthersAlone()
    {
        var network = new HealthReluMlp(seed: 2);
        float[] plain = GradientsAfterOneStep(network, []);
        float[] penalised = GradientsAfterOneStep(network, [WeightPenalty.L2(0.5f, "dense2")]);

        foreach (ParameterSlice slice in network.Layout)
        {
            for (int i = slice.Offset; i < slice.Offset + slice.Length; i++)
            {
                float expected = slice.Layer == "dense2" && slice.Kind == ParameterKind.Weight ? 2 * 0.5f * network.Parameters[i] : 0f;
                Assert.Equal(expected, penalised[i] - plain[i], tolerance: 1e-6f);
            }
        }
    }

    [Fact]
    public void PenaltiesOnTheSameLayerAddUp()
    {
        var network = new LinearTestNetwork(2, 2, Activation.Linear, seed: 3);
        float[] plain = GradientsAfterOneStep(network, []);
        float[] twice = GradientsAfterOneStep(network, [WeightPenalty.L2(0.1f), WeightPenalty.L2(0.2f, "dense")]);

        for (int i = 0; i < 4; i++) Assert.Equal(2 * 0.3f * network.Parameters[i], twice[i] - plain[i], tolerance: 1e-6f);
        for (int i = 4; i < 6; i++) Assert.Equal(plain[i], twice[i]);
    }

    [Fact]
    public void AnUnknownLayerFailsWhenTheTrainerIsCreated()
    {
        var e = Assert.Throws<ArgumentException>(() => new Trainer(new HealthReluMlp(), new SoftmaxCrossEntropyLoss(), new SgdOptimizer(0.1f),
            new TrainerOptions { Penalties = [WeightPenalty.L1(0.01f, "dense9")] }));

        Assert.Contains("'dense9'", e.Message);
        Assert.Contains("dense1, dense2, dense3", e.Message);
    }

    [Theory]
    [InlineData(-0.1f, 0f)]
    [InlineData(0f, float.NaN)]
    [InlineData(0f, float.PositiveInfinity)]
    public void RatesMustBeFiniteAndNonNegative(float l1, float l2)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WeightPenalty(l1, l2));
    }

    [Fact]
    public void TheEpochReportSeparatesThePenaltyFromTheLoss()
    {
        Dataset data = HealthData.Blobs(200, 16, 4, seed: 1);
        var trainer = new Trainer(new HealthReluMlp(seed: 1), new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.02f),
            new TrainerOptions { Epochs = 2, BatchSize = 20, Seed = 1, Penalties = [WeightPenalty.L1L2(1e-3f, 1e-3f)] });
        var unpenalised = new Trainer(new HealthReluMlp(seed: 1), new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.02f),
            new TrainerOptions { Epochs = 2, BatchSize = 20, Seed = 1 });

        var history = trainer.Fit(data);
        var plain = unpenalised.Fit(data);

        Assert.All(history, r => Assert.True(r.TrainingPenalty > 0 && r.TrainingPenalty < r.TrainingLoss));
        Assert.All(plain, r => Assert.Equal(0f, r.TrainingPenalty));
        // The first step sees identical networks: the penalty is the whole difference, and it is what L1 + L2 of the initial weights give.
        var network = new HealthReluMlp(seed: 1);
        float expected = 0;
        foreach (var slice in network.Layout.Where(s => s.Kind == ParameterKind.Weight))
        {
            foreach (float w in network.Parameters.Slice(slice.Offset, slice.Length)) expected += 1e-3f * (MathF.Abs(w) + w * w);
        }
        var probe = new Trainer(new HealthReluMlp(seed: 1), new SoftmaxCrossEntropyLoss(), new RecordingOptimizer(),
            new TrainerOptions { Penalties = [WeightPenalty.L1L2(1e-3f, 1e-3f)] });
        var bare = new Trainer(new HealthReluMlp(seed: 1), new SoftmaxCrossEntropyLoss(), new RecordingOptimizer());
        var (x, t) = GradientHealthMonitorTests.Batch(data);
        Assert.Equal(expected, probe.TrainStep(x, t, data.Count) - bare.TrainStep(x, t, data.Count), tolerance: 1e-3f);
    }

    [Fact]
    public void L2ShrinksTheWeightsAndL1MakesThemSparse()
    {
        Dataset data = HealthData.Blobs(200, 16, 4, seed: 1);
        float[] Train(params WeightPenalty[] penalties)
        {
            var network = new HealthReluMlp(seed: 1);
            new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdOptimizer(0.05f),
                new TrainerOptions { Epochs = 20, BatchSize = 20, Seed = 1, Penalties = penalties }).Fit(data);
            ParameterSlice first = network.Layout[0];
            return network.Parameters.Slice(first.Offset, first.Length).ToArray();
        }

        float[] plain = Train(), l2 = Train(WeightPenalty.L2(0.05f)), l1 = Train(WeightPenalty.L1(0.003f));

        static double Norm(float[] w) => Math.Sqrt(w.Sum(v => (double)v * v));
        static int Small(float[] w) => w.Count(v => Math.Abs(v) < 5e-3f);
        Assert.True(Norm(l2) < 0.7 * Norm(plain), $"L2 norm {Norm(l2)} against {Norm(plain)}");
        Assert.True(Small(l1) > 4 * Math.Max(1, Small(plain)), $"{Small(l1)} near-zero weights with L1, {Small(plain)} without");
    }

    [Fact]
    public void ItDescribesItself()
    {
        Assert.Equal("L2 0.0001 on all layers", WeightPenalty.L2(1e-4f).ToString());
        Assert.Equal("L1 0.01 + L2 0.02 on dense1, dense2 (weights and biases)",
            new WeightPenalty(0.01f, 0.02f) { Layers = ["dense1", "dense2"], IncludeBiases = true }.ToString());
    }

    private static float[] GradientsAfterOneStep(INetwork network, WeightPenalty[] penalties)
    {
        var optimizer = new RecordingOptimizer();
        var trainer = new Trainer(network, new MeanSquaredErrorLoss(), optimizer, new TrainerOptions { Penalties = penalties });
        int batch = 3;
        trainer.TrainStep(TestData.Uniform(batch * network.InputSize, -1, 1, seed: 4), TestData.Uniform(batch * network.OutputSize, -1, 1, seed: 5), batch);
        return optimizer.LastGradients;
    }
}
