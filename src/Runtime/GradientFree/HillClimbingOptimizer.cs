using System;
using System.Threading;

namespace DslNet;

/// <summary>
/// Stochastic hill climbing with an adaptive step, the (1+1) evolution strategy: each iteration draws one
/// candidate <c>x + σ·N(0, I)</c> and keeps it if it is no worse (so the search drifts across plateaus).
/// The step follows the one-fifth success rule: a success multiplies σ by <see cref="StepIncrease"/>, a
/// failure divides it so that σ holds steady when a <see cref="TargetSuccessRate"/> fraction of candidates
/// succeed. A local method: it finds the bottom of the basin it starts in.
/// </summary>
public sealed class HillClimbingOptimizer : IGradientFreeOptimizer
{
    private readonly double _stepIncrease = 1.5;
    private readonly double _targetSuccessRate = 0.2;
    private readonly double _minimumStep = 1e-7;

    /// <summary>The factor a successful step multiplies σ by; greater than 1. The default is 1.5.</summary>
    public double StepIncrease
    {
        get => _stepIncrease;
        init
        {
            if (!(value > 1) || double.IsInfinity(value)) throw new ArgumentOutOfRangeException(nameof(StepIncrease), value, $"{nameof(StepIncrease)} must be greater than 1 and finite.");
            _stepIncrease = value;
        }
    }

    /// <summary>The success rate at which σ holds steady, strictly between 0 and 1; the default is 1/5, Rechenberg's rule.</summary>
    public double TargetSuccessRate
    {
        get => _targetSuccessRate;
        init => _targetSuccessRate = GradientFreeArguments.OpenUnit(value, nameof(TargetSuccessRate));
    }

    /// <summary>The search stops with <see cref="GradientFreeStopReason.Converged"/> once σ falls below this; positive. The default is 1e-7.</summary>
    public double MinimumStep
    {
        get => _minimumStep;
        init => _minimumStep = GradientFreeArguments.Positive(value, nameof(MinimumStep));
    }

    /// <inheritdoc />
    public GradientFreeResult Minimize(
        Span<float> point,
        Func<ReadOnlySpan<float>, double> objective,
        GradientFreeOptions options,
        IProgress<GradientFreeReport>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var run = new GradientFreeRun(nameof(HillClimbingOptimizer), point, objective, options, progress, cancellationToken);
        int n = run.Dimension;
        var current = (float[])run.Start.Clone();
        var candidate = new float[n];
        double step = options.InitialScale;
        // Chosen so that a success rate of p leaves σ unchanged: (increase)^p · (decrease)^(1 − p) = 1.
        double stepDecrease = Math.Pow(_stepIncrease, -_targetSuccessRate / (1 - _targetSuccessRate));

        run.TryEvaluate(current, out double currentValue);
        while (!run.Stopped)
        {
            for (int i = 0; i < n; i++) candidate[i] = current[i] + (float)(step * run.Random.NextGaussian());
            if (!run.TryEvaluate(candidate, out double value)) break;
            if (value <= currentValue)
            {
                (current, candidate) = (candidate, current);
                currentValue = value;
                step *= _stepIncrease;
            }
            else
            {
                step *= stepDecrease;
            }
            if (step < _minimumStep) run.Stop(GradientFreeStopReason.Converged);
            run.EndIteration(step);
        }
        return run.Finish(point, step);
    }
}
