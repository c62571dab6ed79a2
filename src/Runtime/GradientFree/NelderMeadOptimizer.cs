using System;
using System.Threading;

namespace DslNet;

/// <summary>
/// The Nelder–Mead downhill simplex (1965) in the form of Lagarias et al. (1998): a simplex of n + 1 points
/// moves by reflection, expansion, outside and inside contraction, and shrinks towards its best vertex when
/// none of those helps. When the simplex converges (its values within <see cref="ValueTolerance"/> and its
/// vertices within <see cref="SizeTolerance"/> of the best one) it restarts around the best point with the
/// initial size, up to <see cref="MaxRestarts"/> times, which undoes the method's known false convergence.
/// A local method. Coefficients are the standard ones (1, 2, ½, ½) unless <see cref="Adaptive"/> is set.
/// It draws no random numbers, so <see cref="GradientFreeOptions.Seed"/> does not change it.
/// </summary>
public sealed class NelderMeadOptimizer : IGradientFreeOptimizer
{
    private readonly double _reflection = 1;
    private readonly double _expansion = 2;
    private readonly double _contraction = 0.5;
    private readonly double _shrink = 0.5;
    private readonly double _valueTolerance = 1e-10;
    private readonly double _sizeTolerance = 1e-6;
    private readonly int _maxRestarts = 3;

    /// <summary>The reflection coefficient ρ; positive. The default is 1.</summary>
    public double Reflection
    {
        get => _reflection;
        init => _reflection = GradientFreeArguments.Positive(value, nameof(Reflection));
    }

    /// <summary>The expansion coefficient χ; greater than 1 and than <see cref="Reflection"/>. The default is 2.</summary>
    public double Expansion
    {
        get => _expansion;
        init => _expansion = GradientFreeArguments.Positive(value, nameof(Expansion));
    }

    /// <summary>The contraction coefficient γ, strictly between 0 and 1; the default is ½.</summary>
    public double Contraction
    {
        get => _contraction;
        init => _contraction = GradientFreeArguments.OpenUnit(value, nameof(Contraction));
    }

    /// <summary>The shrink coefficient σ, strictly between 0 and 1; the default is ½.</summary>
    public double Shrink
    {
        get => _shrink;
        init => _shrink = GradientFreeArguments.OpenUnit(value, nameof(Shrink));
    }

    /// <summary>
    /// Replaces the four coefficients by Gao and Han's (2012) dimension-dependent ones, ρ = 1, χ = 1 + 2/n,
    /// γ = ¾ − 1/(2n), σ = 1 − 1/n, which keep the simplex from degenerating in many dimensions (n ≥ 2;
    /// with n = 1 the standard ones are used). Off by default.
    /// </summary>
    public bool Adaptive { get; init; }

    /// <summary>Part of convergence: the largest difference between a vertex's value and the best one; at least 0. The default is 1e-10.</summary>
    public double ValueTolerance
    {
        get => _valueTolerance;
        init => _valueTolerance = GradientFreeArguments.NonNegative(value, nameof(ValueTolerance));
    }

    /// <summary>Part of convergence: the largest coordinate difference between a vertex and the best one; at least 0. The default is 1e-6.</summary>
    public double SizeTolerance
    {
        get => _sizeTolerance;
        init => _sizeTolerance = GradientFreeArguments.NonNegative(value, nameof(SizeTolerance));
    }

    /// <summary>How many times a converged simplex is rebuilt around the best point before the search stops with <see cref="GradientFreeStopReason.Converged"/>; at least 0. The default is 3.</summary>
    public int MaxRestarts
    {
        get => _maxRestarts;
        init => _maxRestarts = GradientFreeArguments.AtLeast(value, 0, nameof(MaxRestarts));
    }

    /// <inheritdoc />
    public GradientFreeResult Minimize(
        Span<float> point,
        Func<ReadOnlySpan<float>, double> objective,
        GradientFreeOptions options,
        IProgress<GradientFreeReport>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (!(_expansion > 1 && _expansion > _reflection))
        {
            throw new ArgumentException($"{nameof(NelderMeadOptimizer)}: the expansion coefficient {_expansion} must exceed 1 and the reflection coefficient {_reflection}.", nameof(Expansion));
        }
        var run = new GradientFreeRun(nameof(NelderMeadOptimizer), point, objective, options, progress, cancellationToken);
        int n = run.Dimension;
        double rho = _reflection, chi = _expansion, gamma = _contraction, sigma = _shrink;
        if (Adaptive && n >= 2)
        {
            rho = 1;
            chi = 1 + 2.0 / n;
            gamma = 0.75 - 1.0 / (2 * n);
            sigma = 1 - 1.0 / n;
        }

        var vertices = new float[n + 1][];
        for (int v = 0; v <= n; v++) vertices[v] = new float[n];
        var values = new double[n + 1];
        var order = new int[n + 1];
        var centroid = new double[n];
        var reflected = new float[n];
        var trial = new float[n];
        double size = options.InitialScale;
        int restarts = 0;

        if (!BuildSimplex(run, run.Start, options.InitialScale, vertices, values)) return run.Finish(point, size);
        while (!run.Stopped)
        {
            SortByValue(values, order);
            int best = order[0], worst = order[n], secondWorst = order[n - 1];

            // The centroid of every vertex but the worst.
            Array.Clear(centroid);
            for (int v = 0; v < n; v++)
            {
                float[] x = vertices[order[v]];
                for (int i = 0; i < n; i++) centroid[i] += x[i];
            }
            for (int i = 0; i < n; i++) centroid[i] /= n;

            Along(centroid, vertices[worst], -rho, reflected);
            if (!run.TryEvaluate(reflected, out double reflectedValue)) break;
            if (reflectedValue < values[best])
            {
                Along(centroid, vertices[worst], -rho * chi, trial);
                if (!run.TryEvaluate(trial, out double expandedValue)) break;
                if (expandedValue < reflectedValue) Replace(vertices, values, worst, trial, expandedValue);
                else Replace(vertices, values, worst, reflected, reflectedValue);
            }
            else if (reflectedValue < values[secondWorst])
            {
                Replace(vertices, values, worst, reflected, reflectedValue);
            }
            else
            {
                // Contract outside (towards the reflected point) if it beat the worst vertex, else inside.
                bool outside = reflectedValue < values[worst];
                Along(centroid, vertices[worst], outside ? -rho * gamma : gamma, trial);
                if (!run.TryEvaluate(trial, out double contractedValue)) break;
                if (outside ? contractedValue <= reflectedValue : contractedValue < values[worst])
                {
                    Replace(vertices, values, worst, trial, contractedValue);
                }
                else
                {
                    float[] bestVertex = vertices[best];
                    for (int v = 0; v <= n && !run.Stopped; v++)
                    {
                        if (v == best) continue;
                        float[] x = vertices[v];
                        for (int i = 0; i < n; i++) x[i] = (float)(bestVertex[i] + sigma * (x[i] - bestVertex[i]));
                        if (!run.TryEvaluate(x, out values[v])) break;
                    }
                }
            }

            SortByValue(values, order);
            size = Size(vertices, order[0]);
            double spread = values[order[n]] - values[order[0]];
            if (size <= _sizeTolerance && spread <= _valueTolerance)
            {
                if (restarts == _maxRestarts)
                {
                    run.Stop(GradientFreeStopReason.Converged);
                }
                else
                {
                    restarts++;
                    run.EndIteration(size);
                    if (!BuildSimplex(run, run.BestPoint, options.InitialScale, vertices, values)) break;
                    size = options.InitialScale;
                    continue;
                }
            }
            run.EndIteration(size);
        }
        return run.Finish(point, size);
    }

    /// <summary>The start plus one vertex a step of <paramref name="scale"/> along each axis; false if the search stopped.</summary>
    private static bool BuildSimplex(GradientFreeRun run, float[] start, float scale, float[][] vertices, double[] values)
    {
        int n = start.Length;
        // The start may be the run's best point, which evaluations overwrite: copy it first.
        start.CopyTo(vertices[0]);
        for (int v = 1; v <= n; v++)
        {
            vertices[0].CopyTo(vertices[v]);
            vertices[v][v - 1] += scale;
        }
        for (int v = 0; v <= n; v++)
        {
            if (!run.TryEvaluate(vertices[v], out values[v])) return false;
        }
        return !run.Stopped;
    }

    /// <summary><c>c + t·(x − c)</c>: reflection, expansion and contractions are points on the line from the centroid through the worst vertex.</summary>
    private static void Along(double[] centroid, float[] x, double t, float[] result)
    {
        for (int i = 0; i < result.Length; i++) result[i] = (float)(centroid[i] + t * (x[i] - centroid[i]));
    }

    private static void Replace(float[][] vertices, double[] values, int index, float[] x, double value)
    {
        x.CopyTo(vertices[index]);
        values[index] = value;
    }

    /// <summary>Fills <paramref name="order"/> with vertex indices from best to worst (stable, so ties keep their index order).</summary>
    private static void SortByValue(double[] values, int[] order)
    {
        for (int i = 0; i < order.Length; i++) order[i] = i;
        // Insertion sort: n is small and the order barely changes between iterations.
        for (int i = 1; i < order.Length; i++)
        {
            int index = order[i];
            int j = i - 1;
            while (j >= 0 && values[order[j]] > values[index])
            {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = index;
        }
    }

    /// <summary>The largest coordinate distance of a vertex from the best one.</summary>
    private static double Size(float[][] vertices, int best)
    {
        double size = 0;
        float[] b = vertices[best];
        foreach (float[] x in vertices)
        {
            for (int i = 0; i < x.Length; i++) size = Math.Max(size, Math.Abs(x[i] - b[i]));
        }
        return size;
    }
}
