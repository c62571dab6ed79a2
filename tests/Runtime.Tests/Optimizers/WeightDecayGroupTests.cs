using System;
using Xunit;

namespace DslNet.Tests;

/// <summary>Per-group weight decay: weights only by default once bound, biases on request, everything when never bound.</summary>
public sealed class WeightDecayGroupTests
{
    private static float[] Start()
    {
        var parameters = new float[10];
        for (int i = 0; i < parameters.Length; i++) parameters[i] = 1f + i;
        return parameters;
    }

    [Theory]
    [MemberData(nameof(OptimizerCases.Families), MemberType = typeof(OptimizerCases))]
    public void BoundToALayoutTheDecaySkipsBiases(string family)
    {
        // With a zero gradient only the decay moves anything: biases must not move at all.
        var optimizer = OptimizerCases.CreateDecaying(family, decayBiases: false);
        optimizer.Bind(OptimizerCases.MixedLayout);
        float[] parameters = Start();
        float[] before = (float[])parameters.Clone();
        optimizer.Step(parameters, new float[10]);
        for (int i = 0; i < parameters.Length; i++)
        {
            if (OptimizerCases.IsBias(i)) Assert.Equal(before[i], parameters[i]);
            else Assert.True(parameters[i] != before[i], $"{family}: weight {i} should be decayed, but stayed {before[i]}.");
        }
    }

    [Theory]
    [MemberData(nameof(OptimizerCases.Families), MemberType = typeof(OptimizerCases))]
    public void DecayBiasesIncludesThem(string family)
    {
        var optimizer = OptimizerCases.CreateDecaying(family, decayBiases: true);
        optimizer.Bind(OptimizerCases.MixedLayout);
        float[] parameters = Start();
        float[] before = (float[])parameters.Clone();
        optimizer.Step(parameters, new float[10]);
        for (int i = 0; i < parameters.Length; i++) Assert.True(parameters[i] != before[i], $"{family}: parameter {i} should be decayed, but stayed {before[i]}.");
    }

    [Theory]
    [MemberData(nameof(OptimizerCases.Families), MemberType = typeof(OptimizerCases))]
    public void WithoutBindEverythingDecays(string family)
    {
        // Nothing tells a bias from a weight without a layout.
        var optimizer = OptimizerCases.CreateDecaying(family, decayBiases: false);
        float[] parameters = Start();
        float[] before = (float[])parameters.Clone();
        optimizer.Step(parameters, new float[10]);
        for (int i = 0; i < parameters.Length; i++) Assert.True(parameters[i] != before[i], $"{family}: parameter {i} should be decayed, but stayed {before[i]}.");
    }

    [Theory]
    [MemberData(nameof(OptimizerCases.Families), MemberType = typeof(OptimizerCases))]
    public void BoundDecayMatchesTheUnboundUpdateOnWeights(string family)
    {
        // The weights of a bound optimiser follow exactly the update an unbound one makes on them.
        var bound = OptimizerCases.CreateDecaying(family, decayBiases: false);
        bound.Bind(OptimizerCases.MixedLayout);
        var unbound = OptimizerCases.CreateDecaying(family, decayBiases: false);
        float[] a = Start(), b = Start();
        float[] gradients = TestData.Uniform(10, -1, 1, seed: 5);
        for (int step = 0; step < 3; step++)
        {
            bound.Step(a, gradients);
            unbound.Step(b, gradients);
        }
        for (int i = 0; i < a.Length; i++)
        {
            if (!OptimizerCases.IsBias(i)) Assert.Equal(b[i], a[i]);
        }
    }

    [Fact]
    public void SgdDecayOnWeightsIsExact()
    {
        // p ← p − 0.5·(0 + 0.5·p) = 0.75·p on weights; biases keep their value.
        var optimizer = new SgdOptimizer(0.5f, weightDecay: 0.5f);
        optimizer.Bind(OptimizerCases.MixedLayout);
        float[] parameters = Start();
        optimizer.Step(parameters, new float[10]);
        Assert.Equal([0.75f, 1.5f, 2.25f, 3f, 5f, 6f, 5.25f, 6f, 6.75f, 10f], parameters);
    }

    [Fact]
    public void AdamWDecayOnWeightsIsExact()
    {
        // p ← p·(1 − 0.5·0.5) = 0.75·p on weights; a zero gradient adds no Adam step.
        var optimizer = new AdamWOptimizer(0.5f, weightDecay: 0.5f);
        optimizer.Bind(OptimizerCases.MixedLayout);
        float[] parameters = Start();
        optimizer.Step(parameters, new float[10]);
        Assert.Equal([0.75f, 1.5f, 2.25f, 3f, 5f, 6f, 5.25f, 6f, 6.75f, 10f], parameters);
    }

    [Theory]
    [MemberData(nameof(OptimizerCases.Families), MemberType = typeof(OptimizerCases))]
    public void BindingToALayoutOfAnotherSizeAfterStepsIsRefused(string family)
    {
        var optimizer = OptimizerCases.CreateDecaying(family, decayBiases: false);
        optimizer.Step(new float[4], new float[4]);
        var e = Assert.Throws<ArgumentException>(() => optimizer.Bind(OptimizerCases.MixedLayout));
        Assert.Contains("4", e.Message);
        Assert.Contains("10", e.Message);
    }

    [Fact]
    public void TheTrainerBindsTheOptimizerToTheNetworkLayout()
    {
        // LinearTestNetwork: weight [3, 2] then bias [2]. A zero learning signal leaves only the decay.
        var network = new LinearTestNetwork(3, 2, Activation.Linear);
        var optimizer = new SgdOptimizer(0.5f, weightDecay: 0.5f);
        _ = new Trainer(network, new MeanSquaredErrorLoss(), optimizer);
        TestData.Uniform(network.ParameterCount, 1, 2, seed: 1).CopyTo(network.Parameters);
        float[] before = network.Parameters.ToArray();
        optimizer.Step(network.Parameters, new float[network.ParameterCount]);
        for (int i = 0; i < 6; i++) Assert.Equal(before[i] * 0.75f, network.Parameters[i]);
        for (int i = 6; i < 8; i++) Assert.Equal(before[i], network.Parameters[i]);
    }
}
