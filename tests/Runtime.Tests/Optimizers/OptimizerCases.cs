using System;
using Xunit;

namespace DslNet.Tests;

/// <summary>Every optimiser configuration the shared tests (allocation, decay groups, state) run over, by name.</summary>
public static class OptimizerCases
{
    public static IOptimizer Create(string name) => name switch
    {
        "Sgd" => new SgdOptimizer(0.1f),
        "SgdDecay" => new SgdOptimizer(0.1f, weightDecay: 0.01f),
        "Momentum" => new SgdMomentumOptimizer(0.1f, 0.9f),
        "NesterovDecay" => new SgdMomentumOptimizer(0.1f, 0.9f, nesterov: true, weightDecay: 0.01f),
        "RmsProp" => new RmsPropOptimizer(),
        "RmsPropCenteredMomentumDecay" => new RmsPropOptimizer(0.01f, 0.99f, 1e-8f, momentum: 0.5f, centered: true, weightDecay: 0.01f),
        "Adam" => new AdamOptimizer(),
        "AdamDecay" => new AdamOptimizer(weightDecay: 0.01f),
        "AdamW" => new AdamWOptimizer(),
        "Scheduled" => new ScheduledOptimizer(new AdamOptimizer(), new LinearWarmupSchedule(new CosineAnnealingSchedule(0.01f, 100), 10)),
        _ => throw new ArgumentException($"No optimiser case '{name}'.", nameof(name)),
    };

    /// <summary>An optimiser with weight decay λ = 0.5 and learning rate 0.5, of the given family.</summary>
    public static IOptimizer CreateDecaying(string family, bool decayBiases) => family switch
    {
        "Sgd" => new SgdOptimizer(0.5f, weightDecay: 0.5f, decayBiases: decayBiases),
        "Momentum" => new SgdMomentumOptimizer(0.5f, 0.5f, weightDecay: 0.5f, decayBiases: decayBiases),
        "Nesterov" => new SgdMomentumOptimizer(0.5f, 0.5f, nesterov: true, weightDecay: 0.5f, decayBiases: decayBiases),
        "RmsProp" => new RmsPropOptimizer(0.5f, weightDecay: 0.5f, decayBiases: decayBiases),
        "Adam" => new AdamOptimizer(0.5f, weightDecay: 0.5f, decayBiases: decayBiases),
        "AdamW" => new AdamWOptimizer(0.5f, weightDecay: 0.5f, decayBiases: decayBiases),
        _ => throw new ArgumentException($"No optimiser family '{family}'.", nameof(family)),
    };

    public static TheoryData<string> All => new()
    {
        "Sgd", "SgdDecay", "Momentum", "NesterovDecay", "RmsProp", "RmsPropCenteredMomentumDecay", "Adam", "AdamDecay", "AdamW", "Scheduled",
    };

    public static TheoryData<string> Families => new() { "Sgd", "Momentum", "Nesterov", "RmsProp", "Adam", "AdamW" };

    /// <summary>weight [2, 2] at 0, bias [2] at 4, weight [3] at 6, bias [1] at 9: runs to decay are split by biases.</summary>
    public static ParameterLayout MixedLayout => new(
        new ParameterSlice("dense1", "weight", ParameterKind.Weight, 0, [2, 2]),
        new ParameterSlice("dense1", "bias", ParameterKind.Bias, 4, [2]),
        new ParameterSlice("dense2", "weight", ParameterKind.Weight, 6, [3]),
        new ParameterSlice("dense2", "bias", ParameterKind.Bias, 9, [1]));

    public static bool IsBias(int index) => index is 4 or 5 or 9;
}
