using System;
using DslNet;

namespace CartPole;

/// <summary>
/// Runs episodes with a policy network: each step the network turns the state into action probabilities
/// and the action is sampled from them (probabilistic control). Episode <c>seed</c> seeds both the start
/// state and the action draws, so a set of episodes is an exactly repeatable fitness test.
/// </summary>
internal sealed class PolicyEvaluator(INetwork policy)
{
    /// <summary>Gym's CartPole-v1 cap: an episode that balances this long counts as perfect.</summary>
    public const int MaxSteps = 500;

    private readonly CartPoleEnvironment _environment = new();
    private readonly float[] _observation = new float[4];
    private readonly float[] _probabilities = new float[2];

    /// <summary>The number of steps, the failing one included, before the pole fell or the cart left the track (at most <see cref="MaxSteps"/>).</summary>
    public int EpisodeLength(long seed)
    {
        var random = new FastRandom(seed);
        _environment.Reset(random);
        for (int step = 1; step <= MaxSteps; step++)
        {
            _environment.Observe(_observation);
            policy.Forward(_observation, _probabilities, batch: 1);
            int action = random.NextFloat() < _probabilities[0] ? 0 : 1;
            if (!_environment.Step(action)) return step;
        }
        return MaxSteps;
    }

    /// <summary>The mean length of episodes <paramref name="firstSeed"/>, <paramref name="firstSeed"/> + 1, … with <paramref name="parameters"/> loaded into the policy.</summary>
    public double AverageEpisodeLength(ReadOnlySpan<float> parameters, long firstSeed, int episodes)
    {
        parameters.CopyTo(policy.Parameters);
        return AverageEpisodeLength(firstSeed, episodes);
    }

    /// <summary>The mean length of episodes <paramref name="firstSeed"/>, <paramref name="firstSeed"/> + 1, … with the policy's current parameters.</summary>
    public double AverageEpisodeLength(long firstSeed, int episodes)
    {
        long total = 0;
        for (int e = 0; e < episodes; e++) total += EpisodeLength(firstSeed + e);
        return (double)total / episodes;
    }
}
