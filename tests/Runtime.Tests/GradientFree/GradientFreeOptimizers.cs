using System;
using System.Collections.Generic;
using Xunit;

namespace DslNet.Tests;

/// <summary>The five gradient-free optimisers with their default coefficients, by name, for theories over all of them.</summary>
public static class GradientFreeOptimizers
{
    public static readonly string[] All =
    [
        nameof(HillClimbingOptimizer),
        nameof(NelderMeadOptimizer),
        nameof(SimulatedAnnealingOptimizer),
        nameof(ParticleSwarmOptimizer),
        nameof(GeneticAlgorithmOptimizer),
    ];

    public static TheoryData<string> Names => new(All);

    public static IGradientFreeOptimizer Create(string name) => name switch
    {
        nameof(HillClimbingOptimizer) => new HillClimbingOptimizer(),
        nameof(NelderMeadOptimizer) => new NelderMeadOptimizer(),
        nameof(SimulatedAnnealingOptimizer) => new SimulatedAnnealingOptimizer(),
        nameof(ParticleSwarmOptimizer) => new ParticleSwarmOptimizer(),
        nameof(GeneticAlgorithmOptimizer) => new GeneticAlgorithmOptimizer(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown optimiser."),
    };

    /// <summary>Wraps an objective so that every point it is asked about is recorded, in order.</summary>
    public static Func<ReadOnlySpan<float>, double> Recording(Func<ReadOnlySpan<float>, double> objective, List<float[]> points) => x =>
    {
        points.Add(x.ToArray());
        return objective(x);
    };
}
