using System;

namespace DslNet.Tests;

/// <summary>
/// A minimal copy of samples/CartPole's simulation (Gym's constants, Euler steps, failure past ±12° or ±2.4 m,
/// 500-step cap) and its probabilistic control, so the tests need not reference the sample's executable.
/// </summary>
public sealed class GradientFreeCartPole(INetwork policy)
{
    public const int MaxSteps = 500;

    private readonly double[] _state = new double[4];
    private readonly float[] _observation = new float[4];
    private readonly float[] _probabilities = new float[2];

    /// <summary>One Euler step of [x, ẋ, θ, θ̇] pushing left (0) or right (1); false once the episode has failed.</summary>
    public static bool Step(double[] state, int action)
    {
        const double gravity = 9.8, poleMass = 0.1, totalMass = 1.1, halfLength = 0.5, force = 10, tau = 0.02;
        double theta = state[2], thetaDot = state[3];
        double cos = Math.Cos(theta), sin = Math.Sin(theta);
        double temp = ((action == 1 ? force : -force) + poleMass * halfLength * thetaDot * thetaDot * sin) / totalMass;
        double thetaAcceleration = (gravity * sin - cos * temp) / (halfLength * (4.0 / 3.0 - poleMass * cos * cos / totalMass));
        double xAcceleration = temp - poleMass * halfLength * thetaAcceleration * cos / totalMass;
        state[0] += tau * state[1];
        state[1] += tau * xAcceleration;
        state[2] += tau * thetaDot;
        state[3] += tau * thetaAcceleration;
        return Math.Abs(state[0]) <= 2.4 && Math.Abs(state[2]) <= 12 * Math.PI / 180;
    }

    /// <summary>Steps survived (the failing one included) with actions sampled from the policy's softmax; the seed fixes the start and the draws.</summary>
    public int EpisodeLength(long seed)
    {
        var random = new FastRandom(seed);
        for (int i = 0; i < 4; i++) _state[i] = 0.1 * random.NextFloat() - 0.05;
        for (int step = 1; step <= MaxSteps; step++)
        {
            for (int i = 0; i < 4; i++) _observation[i] = (float)_state[i];
            policy.Forward(_observation, _probabilities, batch: 1);
            if (!Step(_state, random.NextFloat() < _probabilities[0] ? 0 : 1)) return step;
        }
        return MaxSteps;
    }

    /// <summary>The mean episode length over seeds <paramref name="firstSeed"/>, <paramref name="firstSeed"/> + 1, …</summary>
    public double AverageEpisodeLength(long firstSeed, int episodes)
    {
        long total = 0;
        for (int e = 0; e < episodes; e++) total += EpisodeLength(firstSeed + e);
        return (double)total / episodes;
    }
}

/// <summary>The sample's policy: 4 state variables → 8 tanh → 2 action probabilities.</summary>
[DslNet.Network]
[DslNet.Input(4)]
[DslNet.Dense(8, Activation = DslNet.Activation.Tanh)]
[DslNet.Dense(2, Activation = DslNet.Activation.Softmax)]
public partial class GradientFreeCartPolePolicy
{
}
