using System;
using Xunit;

namespace DslNet.Tests;

public sealed class GradientFreeCartPoleTests
{
    private const long TrainingSeed = 1_000, EvaluationSeed = 1_000_000;

    [Fact]
    public void StepsByGymsEquations()
    {
        // From rest, a push right: ẍ = 9.7561, θ̈ = −14.634 (Gym gives [0, 0.19512195, 0, −0.29268293]).
        double[] state = [0, 0, 0, 0];
        Assert.True(GradientFreeCartPole.Step(state, 1));
        Assert.Equal([0, 0.19512195, 0, -0.29268293], state, (a, b) => Math.Abs(a - b) < 1e-8);

        // The pole falls past 12° with enough angular velocity, and the episode fails.
        state = [0, 0, 0.2, 1];
        Assert.False(GradientFreeCartPole.Step(state, 0));
        state = [2.39, 1, 0, 0];
        Assert.False(GradientFreeCartPole.Step(state, 1));
    }

    [Fact]
    public void AShortGeneticRunBalancesFarLongerThanTheRandomPolicy()
    {
        var policy = new GradientFreeCartPolePolicy(seed: 1);
        var cartPole = new GradientFreeCartPole(policy);
        double untrained = cartPole.AverageEpisodeLength(EvaluationSeed, 20);

        var optimizer = new GeneticAlgorithmOptimizer { PopulationSize = 40, MutationRate = 0.1, MutationScale = 0.2f };
        var result = optimizer.Minimize(policy.Parameters, parameters =>
        {
            parameters.CopyTo(policy.Parameters);
            return -cartPole.AverageEpisodeLength(TrainingSeed, 5);
        }, new GradientFreeOptions { MaxIterations = 15, MaxEvaluations = int.MaxValue, TargetValue = -300, Seed = 1 }); // 300 keeps the test short

        double trained = cartPole.AverageEpisodeLength(EvaluationSeed, 20);
        Assert.True(untrained < 60, $"The untrained policy already balances {untrained} steps.");
        Assert.True(trained >= 150 && trained >= 4 * untrained, $"Trained {trained} steps vs untrained {untrained}, training fitness {-result.BestValue}.");
    }
}
