using System;
using System.Threading;

namespace DslNet;

/// <summary>
/// A real-coded genetic algorithm: each generation keeps its <see cref="EliteCount"/> best individuals
/// unchanged (elitism) and fills the rest with children of parents picked by tournament selection, mixed
/// by <see cref="Crossover"/> with probability <see cref="CrossoverRate"/> (else a copy of the first parent),
/// then mutated by adding Gaussian noise of standard deviation <see cref="MutationScale"/> to each coordinate
/// with probability <see cref="MutationRate"/>. The first individual is the start point, the others are
/// uniform in the box of half-width <see cref="GradientFreeOptions.InitialScale"/> around it. Elites are not
/// evaluated again, so the objective should be deterministic. One iteration is one generation. A global method.
/// </summary>
public sealed class GeneticAlgorithmOptimizer : IGradientFreeOptimizer
{
    private readonly int _populationSize = 50;
    private readonly int _eliteCount = 2;
    private readonly int _tournamentSize = 3;
    private readonly double _crossoverRate = 0.9;
    private readonly double _blendAlpha = 0.5;
    private readonly double? _mutationRate;
    private readonly float? _mutationScale;

    /// <summary>Individuals per generation; at least 2. The default is 50.</summary>
    public int PopulationSize
    {
        get => _populationSize;
        init => _populationSize = GradientFreeArguments.AtLeast(value, 2, nameof(PopulationSize));
    }

    /// <summary>The best individuals copied unchanged into the next generation; at least 0 and below <see cref="PopulationSize"/>. The default is 2.</summary>
    public int EliteCount
    {
        get => _eliteCount;
        init => _eliteCount = GradientFreeArguments.AtLeast(value, 0, nameof(EliteCount));
    }

    /// <summary>How many individuals, drawn with replacement, compete to become a parent (the best wins); at least 1. The default is 3.</summary>
    public int TournamentSize
    {
        get => _tournamentSize;
        init => _tournamentSize = GradientFreeArguments.AtLeast(value, 1, nameof(TournamentSize));
    }

    /// <summary>How two parents are mixed; the default is <see cref="GeneticCrossover.Blend"/>.</summary>
    public GeneticCrossover Crossover { get; init; } = GeneticCrossover.Blend;

    /// <summary>The probability that a child is a crossover of two parents rather than a copy of one, in [0, 1]; the default is 0.9.</summary>
    public double CrossoverRate
    {
        get => _crossoverRate;
        init => _crossoverRate = GradientFreeArguments.Probability(value, nameof(CrossoverRate));
    }

    /// <summary>α of <see cref="GeneticCrossover.Blend"/>, how far past the parents a child may go, in units of their distance; at least 0. The default is 0.5.</summary>
    public double BlendAlpha
    {
        get => _blendAlpha;
        init => _blendAlpha = GradientFreeArguments.NonNegative(value, nameof(BlendAlpha));
    }

    /// <summary>The probability that a child's coordinate is mutated, in [0, 1]. Null (the default) means 1/n for n parameters: one mutation per child on average.</summary>
    public double? MutationRate
    {
        get => _mutationRate;
        init => _mutationRate = value is null ? null : GradientFreeArguments.Probability(value.Value, nameof(MutationRate));
    }

    /// <summary>The standard deviation of a mutation, in parameter units; positive. Null (the default) means a tenth of <see cref="GradientFreeOptions.InitialScale"/>.</summary>
    public float? MutationScale
    {
        get => _mutationScale;
        init => _mutationScale = value is null ? null : (float)GradientFreeArguments.Positive(value.Value, nameof(MutationScale));
    }

    /// <inheritdoc />
    public GradientFreeResult Minimize(
        Span<float> point,
        Func<ReadOnlySpan<float>, double> objective,
        GradientFreeOptions options,
        IProgress<GradientFreeReport>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (_eliteCount >= _populationSize)
        {
            throw new ArgumentException($"{nameof(GeneticAlgorithmOptimizer)}: {_eliteCount} elites leave no room for children in a population of {_populationSize}; keep fewer elites than individuals.", nameof(EliteCount));
        }
        if (!Enum.IsDefined(Crossover)) throw new ArgumentOutOfRangeException(nameof(Crossover), Crossover, "Unknown crossover.");
        var run = new GradientFreeRun(nameof(GeneticAlgorithmOptimizer), point, objective, options, progress, cancellationToken);
        int n = run.Dimension, count = _populationSize;
        float scale = options.InitialScale;
        double mutationRate = _mutationRate ?? 1.0 / n;
        float mutationScale = _mutationScale ?? 0.1f * scale;

        var population = new float[count][];
        var values = new double[count];
        var next = new float[count][];
        var nextValues = new double[count];
        var order = new int[count];
        for (int p = 0; p < count; p++)
        {
            population[p] = new float[n];
            next[p] = new float[n];
            for (int i = 0; i < n; i++) population[p][i] = p == 0 ? run.Start[i] : run.Start[i] + scale * run.NextSymmetric();
        }
        for (int p = 0; p < count; p++)
        {
            if (!run.TryEvaluate(population[p], out values[p])) break;
        }
        run.EndIteration(GradientFreeRun.Spread(population));

        while (!run.Stopped)
        {
            // Elites first, best first; ties keep the earlier index, so the order is deterministic.
            for (int p = 0; p < count; p++) order[p] = p;
            Array.Sort(order, (a, b) => values[a] != values[b] ? values[a].CompareTo(values[b]) : a.CompareTo(b));
            for (int e = 0; e < _eliteCount; e++)
            {
                population[order[e]].CopyTo(next[e]);
                nextValues[e] = values[order[e]];
            }

            for (int c = _eliteCount; c < count; c++)
            {
                float[] child = next[c];
                float[] first = population[Tournament(run, values)];
                if (run.Random.NextFloat() < _crossoverRate)
                {
                    float[] second = population[Tournament(run, values)];
                    Cross(run, first, second, child);
                }
                else
                {
                    first.CopyTo(child);
                }
                for (int i = 0; i < n; i++)
                {
                    if (run.Random.NextFloat() < mutationRate) child[i] += mutationScale * run.Random.NextGaussian();
                }
                if (!run.TryEvaluate(child, out nextValues[c])) break;
            }
            if (run.Stopped) break; // a partial generation is not a population; Finish reports it
            (population, next) = (next, population);
            (values, nextValues) = (nextValues, values);
            run.EndIteration(GradientFreeRun.Spread(population));
        }
        return run.Finish(point, GradientFreeRun.Spread(population));
    }

    /// <summary>The index of the best of <see cref="TournamentSize"/> individuals drawn with replacement.</summary>
    private int Tournament(GradientFreeRun run, double[] values)
    {
        int winner = run.Random.NextInt(values.Length);
        for (int t = 1; t < _tournamentSize; t++)
        {
            int rival = run.Random.NextInt(values.Length);
            if (values[rival] < values[winner]) winner = rival;
        }
        return winner;
    }

    private void Cross(GradientFreeRun run, float[] first, float[] second, float[] child)
    {
        for (int i = 0; i < child.Length; i++)
        {
            if (Crossover == GeneticCrossover.Uniform)
            {
                child[i] = run.Random.NextFloat() < 0.5f ? first[i] : second[i];
            }
            else
            {
                // u uniform in [−α, 1 + α]: child = first + u·(second − first).
                double u = -_blendAlpha + (1 + 2 * _blendAlpha) * run.Random.NextFloat();
                child[i] = (float)(first[i] + u * (second[i] - first[i]));
            }
        }
    }
}
