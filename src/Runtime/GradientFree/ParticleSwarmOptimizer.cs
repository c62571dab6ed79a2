using System;
using System.Threading;

namespace DslNet;

/// <summary>
/// Particle swarm optimisation (Kennedy and Eberhart 1995) with inertia and a global-best topology: each
/// particle's velocity becomes <c>w·v + c₁·r₁·(personal best − x) + c₂·r₂·(swarm best − x)</c>, with fresh
/// uniform r₁, r₂ per coordinate, clamped to ±<see cref="MaxVelocity"/>, and the particle moves by it. The
/// swarm best is updated as soon as a particle improves on it. The first particle starts at the start point,
/// the others uniformly in the box of half-width <see cref="GradientFreeOptions.InitialScale"/> around it.
/// The default coefficients are Clerc and Kennedy's constriction values (w = 0.7298, c₁ = c₂ = 1.49618).
/// One iteration moves every particle once. A global method.
/// </summary>
public sealed class ParticleSwarmOptimizer : IGradientFreeOptimizer
{
    private readonly int _swarmSize = 30;
    private readonly double _inertia = 0.7298;
    private readonly double _cognitive = 1.49618;
    private readonly double _social = 1.49618;
    private readonly float? _maxVelocity;

    /// <summary>The number of particles; at least 2. The default is 30.</summary>
    public int SwarmSize
    {
        get => _swarmSize;
        init => _swarmSize = GradientFreeArguments.AtLeast(value, 2, nameof(SwarmSize));
    }

    /// <summary>The inertia weight w, the share of its velocity a particle keeps; at least 0. The default is 0.7298.</summary>
    public double Inertia
    {
        get => _inertia;
        init => _inertia = GradientFreeArguments.NonNegative(value, nameof(Inertia));
    }

    /// <summary>The cognitive coefficient c₁, the pull towards the particle's own best; at least 0. The default is 1.49618.</summary>
    public double CognitiveCoefficient
    {
        get => _cognitive;
        init => _cognitive = GradientFreeArguments.NonNegative(value, nameof(CognitiveCoefficient));
    }

    /// <summary>The social coefficient c₂, the pull towards the swarm's best; at least 0. The default is 1.49618.</summary>
    public double SocialCoefficient
    {
        get => _social;
        init => _social = GradientFreeArguments.NonNegative(value, nameof(SocialCoefficient));
    }

    /// <summary>
    /// The velocity clamp, per coordinate, in parameter units; positive. Null (the default) means
    /// <see cref="GradientFreeOptions.InitialScale"/>, the half-width of the initial box.
    /// </summary>
    public float? MaxVelocity
    {
        get => _maxVelocity;
        init => _maxVelocity = value is null ? null : (float)GradientFreeArguments.Positive(value.Value, nameof(MaxVelocity));
    }

    /// <inheritdoc />
    public GradientFreeResult Minimize(
        Span<float> point,
        Func<ReadOnlySpan<float>, double> objective,
        GradientFreeOptions options,
        IProgress<GradientFreeReport>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var run = new GradientFreeRun(nameof(ParticleSwarmOptimizer), point, objective, options, progress, cancellationToken);
        int n = run.Dimension, count = _swarmSize;
        float scale = options.InitialScale;
        float maxVelocity = _maxVelocity ?? scale;
        var positions = new float[count][];
        var velocities = new float[count][];
        var personalBest = new float[count][];
        var personalBestValues = new double[count];
        var swarmBest = new float[n];
        double swarmBestValue = double.PositiveInfinity;

        for (int p = 0; p < count; p++)
        {
            positions[p] = new float[n];
            velocities[p] = new float[n];
            for (int i = 0; i < n; i++)
            {
                positions[p][i] = p == 0 ? run.Start[i] : run.Start[i] + scale * run.NextSymmetric();
                // Random initial velocities, half the box at most, so no particle starts idle.
                velocities[p][i] = Math.Clamp(0.5f * scale * run.NextSymmetric(), -maxVelocity, maxVelocity);
            }
            personalBest[p] = (float[])positions[p].Clone();
            personalBestValues[p] = double.PositiveInfinity;
        }

        int evaluated = 0;
        for (; evaluated < count; evaluated++)
        {
            if (!run.TryEvaluate(positions[evaluated], out double value)) break;
            personalBestValues[evaluated] = value;
            if (value < swarmBestValue || evaluated == 0)
            {
                swarmBestValue = value;
                positions[evaluated].CopyTo(swarmBest);
            }
        }
        if (evaluated == count) run.EndIteration(GradientFreeRun.Spread(positions));

        while (!run.Stopped)
        {
            for (int p = 0; p < count; p++)
            {
                float[] x = positions[p], v = velocities[p], own = personalBest[p];
                for (int i = 0; i < n; i++)
                {
                    double velocity = _inertia * v[i]
                        + _cognitive * run.Random.NextFloat() * (own[i] - x[i])
                        + _social * run.Random.NextFloat() * (swarmBest[i] - x[i]);
                    v[i] = (float)Math.Clamp(velocity, -maxVelocity, maxVelocity);
                    x[i] += v[i];
                }
                if (!run.TryEvaluate(x, out double value)) break;
                if (value < personalBestValues[p])
                {
                    personalBestValues[p] = value;
                    x.CopyTo(own);
                    if (value < swarmBestValue)
                    {
                        swarmBestValue = value;
                        x.CopyTo(swarmBest);
                    }
                }
                if (run.Stopped) break;
            }
            run.EndIteration(GradientFreeRun.Spread(positions));
        }
        return run.Finish(point, GradientFreeRun.Spread(positions));
    }
}
