using System;
using System.Threading;

namespace DslNet;

/// <summary>
/// Simulated annealing (Kirkpatrick, Gelatt and Vecchi 1983): each iteration draws one candidate
/// <c>x + σ·N(0, I)</c> and moves to it if it is better, or if it is worse by Δ with the Metropolis
/// probability <c>exp(−Δ/T)</c>, so early on, while the temperature T is high, the search climbs out of
/// local minima; as T falls by the <see cref="Schedule"/> it settles into the best basin it has found.
/// The step σ is the larger of an adaptive step, which aims at accepting <see cref="TargetAcceptanceRate"/>
/// of the candidates and so shrinks to the local scale, and a floor <c>s·(T/T₀)^⅓</c> that keeps the search
/// jumping between basins while it is hot (s is <see cref="GradientFreeOptions.InitialScale"/>, also the
/// ceiling of σ). Whenever the current point is worse than the best one seen by more than
/// <see cref="ReturnThreshold"/>·T, a state the cooled chain would almost never visit, the search
/// returns to the best point, so it cannot drift away across plateaus or down an unbounded slope. The best
/// point ever seen is returned, not the last one. A global method.
/// </summary>
public sealed class SimulatedAnnealingOptimizer : IGradientFreeOptimizer
{
    // How fast the step adapts: log σ moves by this times (1 − p) on an acceptance and −p on a rejection.
    private const double StepAdaptation = 0.5;

    // The probability of accepting a typical (median) uphill move at the initial temperature, when it is calibrated.
    private const double InitialUphillAcceptance = 0.8;

    // The exponent of the temperature-linked step floor s·(T/T₀)^e; a third keeps steps large for longer than √T would.
    private const double FloorExponent = 1.0 / 3;

    private readonly double? _initialTemperature;
    private readonly double? _finalTemperature;
    private readonly double _targetAcceptanceRate = 0.44;
    private readonly int _calibrationSamples = 20;
    private readonly double _returnThreshold = 10;

    /// <summary>How the temperature falls over the planned iterations; the default is <see cref="AnnealingSchedule.Exponential"/>.</summary>
    public AnnealingSchedule Schedule { get; init; } = AnnealingSchedule.Exponential;

    /// <summary>
    /// T₀, in objective units; positive. Null (the default) calibrates it: <see cref="CalibrationSamples"/>
    /// random steps from the start are evaluated and T₀ is set so that their median uphill move would be
    /// accepted with probability 0.8 (T₀ = 1 if none of them went uphill).
    /// </summary>
    public double? InitialTemperature
    {
        get => _initialTemperature;
        init => _initialTemperature = value is null ? null : GradientFreeArguments.Positive(value.Value, nameof(InitialTemperature));
    }

    /// <summary>
    /// T₁, reached at the last planned iteration; positive and below T₀. Null (the default) means T₀·10⁻⁹, as does
    /// a given T₁ that a calibrated T₀ turns out not to exceed.
    /// </summary>
    public double? FinalTemperature
    {
        get => _finalTemperature;
        init => _finalTemperature = value is null ? null : GradientFreeArguments.Positive(value.Value, nameof(FinalTemperature));
    }

    /// <summary>The fraction of accepted candidates the step size aims for, strictly between 0 and 1; the default is 0.44.</summary>
    public double TargetAcceptanceRate
    {
        get => _targetAcceptanceRate;
        init => _targetAcceptanceRate = GradientFreeArguments.OpenUnit(value, nameof(TargetAcceptanceRate));
    }

    /// <summary>The random steps evaluated to calibrate T₀ when <see cref="InitialTemperature"/> is null; at least 1. The default is 20.</summary>
    public int CalibrationSamples
    {
        get => _calibrationSamples;
        init => _calibrationSamples = GradientFreeArguments.AtLeast(value, 1, nameof(CalibrationSamples));
    }

    /// <summary>
    /// How many temperatures worse than the best value the current point may get before the search returns to
    /// the best point; positive, or +∞ for plain annealing that never returns. The default is 10 (a state
    /// e¹⁰ times less likely than the best one at equilibrium).
    /// </summary>
    public double ReturnThreshold
    {
        get => _returnThreshold;
        init
        {
            if (!(value > 0)) throw new ArgumentOutOfRangeException(nameof(ReturnThreshold), value, $"{nameof(ReturnThreshold)} must be positive (+∞ turns returning off).");
            _returnThreshold = value;
        }
    }

    /// <summary>
    /// The temperature at iteration <paramref name="k"/> (from 0) of <paramref name="planned"/> for the given
    /// schedule; exposed so a caller can plot or check the schedule.
    /// </summary>
    /// <param name="schedule">The cooling schedule.</param>
    /// <param name="initial">T₀, positive.</param>
    /// <param name="final">T₁, positive (ignored by <see cref="AnnealingSchedule.Logarithmic"/>).</param>
    /// <param name="k">The iteration, from 0; iterations past the plan keep T₁.</param>
    /// <param name="planned">The iterations planned, at least 1; the last one, <c>planned − 1</c>, is at T₁.</param>
    /// <returns>The temperature.</returns>
    public static double Temperature(AnnealingSchedule schedule, double initial, double final, int k, int planned)
    {
        if (k < 0) throw new ArgumentOutOfRangeException(nameof(k), k, "The iteration must be at least 0.");
        if (planned < 1) throw new ArgumentOutOfRangeException(nameof(planned), planned, "At least one iteration must be planned.");
        double progress = planned == 1 ? 1 : Math.Min(1.0, (double)k / (planned - 1));
        return schedule switch
        {
            AnnealingSchedule.Exponential => initial * Math.Pow(final / initial, progress),
            AnnealingSchedule.Linear => initial + (final - initial) * progress,
            AnnealingSchedule.Logarithmic => initial * Math.Log(2) / Math.Log(k + 2.0),
            _ => throw new ArgumentOutOfRangeException(nameof(schedule), schedule, "Unknown annealing schedule."),
        };
    }

    /// <inheritdoc />
    public GradientFreeResult Minimize(
        Span<float> point,
        Func<ReadOnlySpan<float>, double> objective,
        GradientFreeOptions options,
        IProgress<GradientFreeReport>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(Schedule)) throw new ArgumentOutOfRangeException(nameof(Schedule), Schedule, "Unknown annealing schedule.");
        if (_initialTemperature is double t0 && _finalTemperature is double t1 && !(t1 < t0))
        {
            throw new ArgumentException($"{nameof(SimulatedAnnealingOptimizer)}: the final temperature {t1} must be below the initial temperature {t0}.", nameof(FinalTemperature));
        }
        var run = new GradientFreeRun(nameof(SimulatedAnnealingOptimizer), point, objective, options, progress, cancellationToken);
        int n = run.Dimension;
        var current = (float[])run.Start.Clone();
        var candidate = new float[n];
        double maximumStep = options.InitialScale;
        double adaptiveStep = maximumStep;

        run.TryEvaluate(current, out double currentValue);
        double initialTemperature = _initialTemperature ?? Calibrate(run, current, currentValue, candidate, maximumStep);
        double finalTemperature = _finalTemperature ?? initialTemperature * 1e-9;
        if (!(finalTemperature < initialTemperature)) finalTemperature = initialTemperature * 1e-9; // a calibrated T₀ at or below a given T₁
        int planned = Math.Max(1, Math.Min(options.MaxIterations, options.MaxEvaluations - run.Evaluations));

        double temperature = initialTemperature;
        for (int k = 0; !run.Stopped; k++)
        {
            temperature = Temperature(Schedule, initialTemperature, finalTemperature, k, planned);
            double step = Math.Max(adaptiveStep, maximumStep * Math.Pow(temperature / initialTemperature, FloorExponent));
            for (int i = 0; i < n; i++) candidate[i] = current[i] + (float)(step * run.Random.NextGaussian());
            if (!run.TryEvaluate(candidate, out double value)) break;
            double delta = value - currentValue;
            // Draw the acceptance number only for uphill moves, so a downhill path does not depend on T.
            bool accept = delta <= 0 || run.Random.NextFloat() < Math.Exp(-delta / temperature);
            if (accept)
            {
                (current, candidate) = (candidate, current);
                currentValue = value;
                adaptiveStep = Math.Min(maximumStep, adaptiveStep * Math.Exp(StepAdaptation * (1 - _targetAcceptanceRate)));
            }
            else
            {
                adaptiveStep *= Math.Exp(-StepAdaptation * _targetAcceptanceRate);
            }
            if (currentValue > run.BestValue + _returnThreshold * temperature)
            {
                run.BestPoint.CopyTo(current);
                currentValue = run.BestValue;
            }
            run.EndIteration(temperature);
        }
        return run.Finish(point, temperature);
    }

    /// <summary>T₀ such that the median uphill move among random steps from the start is accepted with probability 0.8.</summary>
    private double Calibrate(GradientFreeRun run, float[] start, double startValue, float[] candidate, double step)
    {
        // The median, not the mean: one step into a steep wall (Rosenbrock's) must not make the search hot for ever.
        var uphill = new double[_calibrationSamples];
        int count = 0;
        for (int s = 0; s < _calibrationSamples; s++)
        {
            for (int i = 0; i < start.Length; i++) candidate[i] = start[i] + (float)(step * run.Random.NextGaussian());
            if (!run.TryEvaluate(candidate, out double value)) break;
            double delta = value - startValue;
            if (delta > 0 && double.IsFinite(delta)) uphill[count++] = delta;
        }
        if (count == 0) return 1.0;
        Array.Sort(uphill, 0, count);
        return -uphill[count / 2] / Math.Log(InitialUphillAcceptance);
    }
}
