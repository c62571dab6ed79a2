using System;
using System.Numerics.Tensors;

namespace DslNet;

/// <summary>
/// Limited-memory BFGS for full-batch problems: a quasi-Newton method that builds its inverse-Hessian
/// estimate from the last <see cref="HistorySize"/> steps and gradient changes (the two-loop recursion,
/// Nocedal and Wright, Algorithm 7.4) and takes each step with a strong-Wolfe line search (Algorithms 3.5
/// and 3.6, cubic interpolation, as PyTorch's <c>LBFGS(line_search_fn="strong_wolfe")</c>).
/// </summary>
/// <remarks>
/// <para>
/// It is not an <see cref="IOptimizer"/>: a line search evaluates the objective at several points per step,
/// so it is driven by an objective <c>(parameters, gradient) → loss</c> that writes the gradient into the
/// span it is given and returns the loss, rather than by one precomputed gradient. The objective is called
/// with the caller's own parameter span, moved to each trial point, so passing a network's
/// <see cref="INetwork.Parameters"/> needs no copying: run a training forward pass over the whole data set,
/// back-propagate, and copy <see cref="INetwork.Gradients"/> into the gradient span.
/// </para>
/// <para>
/// The first iteration (and any after the history is cleared) starts its line search at step
/// <c>min(1, 1/‖g‖₁)</c> along −g, as PyTorch does; later ones at 1 along the quasi-Newton direction.
/// A curvature pair is kept only if <c>s·y &gt; 1e-10</c>. If the line search fails along the quasi-Newton
/// direction, the history is cleared and steepest descent is tried once before giving up.
/// Buffers are allocated on the first step; later steps allocate nothing.
/// </para>
/// </remarks>
public sealed class LbfgsOptimizer
{
    private readonly double _gradientTolerance = 1e-5;
    private readonly double _changeTolerance = 1e-9;
    private readonly int _maxLineSearchEvaluations = 25;
    private readonly double _sufficientDecrease = 1e-4;
    private readonly double _curvature = 0.9;

    // History ring: s = x_{k+1} − x_k, y = g_{k+1} − g_k, ρ = 1 / (s·y); _newest indexes the latest pair.
    private float[][] _steps = [];
    private float[][] _gradientChanges = [];
    private readonly double[] _rho;
    private readonly double[] _alpha;
    private int _historyCount;
    private int _newest = -1;
    private double _gamma = 1;

    // The point where _loss and _gradient hold, the search direction, and two spare gradient buffers for
    // the line search (a trial point's and the best bracketing point's): buffers are swapped, never copied.
    private float[] _point = [];
    private float[] _gradient = [];
    private float[] _direction = [];
    private float[] _spare1 = [];
    private float[] _spare2 = [];
    private double _loss = double.NaN;
    private bool _hasPoint;

    /// <summary>Creates the optimiser.</summary>
    /// <param name="historySize">How many recent step and gradient-change pairs m shape the inverse-Hessian estimate; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="historySize"/> is below 1.</exception>
    public LbfgsOptimizer(int historySize = 10)
    {
        if (historySize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(historySize), historySize, $"{nameof(LbfgsOptimizer)}: the history size must be at least 1.");
        }
        HistorySize = historySize;
        _rho = new double[historySize];
        _alpha = new double[historySize];
    }

    /// <summary>The number m of recent pairs kept.</summary>
    public int HistorySize { get; }

    /// <summary>Stop when the largest absolute gradient component is at or below this; finite and at least 0. The default is 1e-5.</summary>
    public double GradientTolerance
    {
        get => _gradientTolerance;
        init => _gradientTolerance = CheckNonNegative(value, nameof(GradientTolerance));
    }

    /// <summary>
    /// Stop when a step changes the loss by less than this, or moves no parameter by more than this; also ends a
    /// line search whose bracket has shrunk below it. Finite and at least 0; the default is 1e-9 (PyTorch's).
    /// </summary>
    public double ChangeTolerance
    {
        get => _changeTolerance;
        init => _changeTolerance = CheckNonNegative(value, nameof(ChangeTolerance));
    }

    /// <summary>The most objective evaluations one line search may make; at least 1. The default is 25.</summary>
    public int MaxLineSearchEvaluations
    {
        get => _maxLineSearchEvaluations;
        init => _maxLineSearchEvaluations = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxLineSearchEvaluations), value, $"{nameof(LbfgsOptimizer)}: a line search needs at least 1 evaluation.");
    }

    /// <summary>The Armijo constant c₁ of the sufficient-decrease condition, in (0, <see cref="Curvature"/>). The default is 1e-4.</summary>
    public double SufficientDecrease
    {
        get => _sufficientDecrease;
        init => _sufficientDecrease = value > 0 && value < 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(SufficientDecrease), value, $"{nameof(LbfgsOptimizer)}: c1 must lie strictly between 0 and 1.");
    }

    /// <summary>The constant c₂ of the strong curvature condition, in (<see cref="SufficientDecrease"/>, 1). The default is 0.9.</summary>
    public double Curvature
    {
        get => _curvature;
        init => _curvature = value > 0 && value < 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Curvature), value, $"{nameof(LbfgsOptimizer)}: c2 must lie strictly between 0 and 1.");
    }

    /// <summary>The accepted steps since creation or <see cref="Reset"/>.</summary>
    public int Iterations { get; private set; }

    /// <summary>The objective evaluations since creation or <see cref="Reset"/>.</summary>
    public int Evaluations { get; private set; }

    /// <summary>The objective at the current point; NaN before the first step.</summary>
    public float Loss => (float)_loss;

    /// <summary>Why the last <see cref="Step"/> made no ordinary progress, or null if it did (or none ran yet).</summary>
    public LbfgsStopReason? StopReason { get; private set; }

    /// <summary>
    /// One iteration: evaluates the objective at <paramref name="parameters"/> unless they are still where the
    /// last step left them, computes the quasi-Newton direction and moves the parameters along it by a
    /// strong-Wolfe line search. If the point is already a minimum (or the search cannot progress) the
    /// parameters are left as they are and <see cref="StopReason"/> says why.
    /// </summary>
    /// <param name="parameters">The point, updated in place; the objective is evaluated on this span.</param>
    /// <param name="objective">Returns the loss at its first argument and writes the gradient into its second.</param>
    /// <returns>The loss at the point the parameters hold after the step.</returns>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is empty or has another length than on earlier steps.</exception>
    public float Step(Span<float> parameters, Func<ReadOnlySpan<float>, Span<float>, float> objective)
    {
        StopReason = Iterate(parameters, objective);
        return (float)_loss;
    }

    /// <summary>
    /// Iterates until the gradient tolerance is met, no progress is measurable, the line search fails or
    /// <paramref name="maxIterations"/> steps have been taken. The final point is left in <paramref name="parameters"/>.
    /// </summary>
    /// <param name="parameters">The start, and on return the final point; the objective is evaluated on this span.</param>
    /// <param name="objective">Returns the loss at its first argument and writes the gradient into its second.</param>
    /// <param name="maxIterations">The most steps to take; at least 1.</param>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is empty or has another length than on earlier steps.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxIterations"/> is below 1.</exception>
    public LbfgsResult Minimize(Span<float> parameters, Func<ReadOnlySpan<float>, Span<float>, float> objective, int maxIterations = 100)
    {
        if (maxIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, $"{nameof(LbfgsOptimizer)}: the iteration budget must be at least 1.");
        }
        int iterations = Iterations, evaluations = Evaluations;
        LbfgsStopReason reason = LbfgsStopReason.MaxIterations;
        for (int i = 0; i < maxIterations; i++)
        {
            StopReason = Iterate(parameters, objective);
            if (StopReason is { } stop)
            {
                reason = stop;
                break;
            }
        }
        return new LbfgsResult((float)_loss, GradientNorm(), Iterations - iterations, Evaluations - evaluations, reason);
    }

    /// <summary>Forgets the history, the cached point and the counters, so the next step starts afresh.</summary>
    public void Reset()
    {
        ClearHistory();
        _hasPoint = false;
        _loss = double.NaN;
        Iterations = 0;
        Evaluations = 0;
        StopReason = null;
    }

    private LbfgsStopReason? Iterate(Span<float> parameters, Func<ReadOnlySpan<float>, Span<float>, float> objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        Allocate(parameters.Length);
        if (!_hasPoint || !parameters.SequenceEqual(_point))
        {
            // New or moved by the caller: the cached loss and gradient are stale.
            _loss = Evaluate(parameters, objective, _gradient);
            parameters.CopyTo(_point);
            _hasPoint = true;
        }
        float gradientNorm = GradientNorm();
        if (!double.IsFinite(_loss) || !float.IsFinite(gradientNorm)) return LbfgsStopReason.NotFinite;
        if (gradientNorm <= _gradientTolerance) return LbfgsStopReason.GradientTolerance;

        double slope = ComputeDirection();
        if (!(slope < 0))
        {
            // Not a descent direction (the curvature estimate went bad): start again from steepest descent.
            ClearHistory();
            slope = SteepestDescent();
        }
        if (!LineSearch(parameters, objective, slope, out double loss, out float[] gradient))
        {
            if (_historyCount == 0)
            {
                _point.CopyTo(parameters);
                return LbfgsStopReason.LineSearchFailed;
            }
            ClearHistory();
            slope = SteepestDescent();
            if (!LineSearch(parameters, objective, slope, out loss, out gradient))
            {
                _point.CopyTo(parameters);
                return LbfgsStopReason.LineSearchFailed;
            }
        }

        // The curvature pair of the accepted step, from the float values actually reached.
        int slot = (_newest + 1) % HistorySize;
        float[] step = _steps[slot], change = _gradientChanges[slot];
        TensorPrimitives.Subtract(parameters, _point, step);
        TensorPrimitives.Subtract(gradient, _gradient, change);
        double sy = TensorPrimitives.Dot(step, change);
        double yy = TensorPrimitives.Dot(change, change);
        if (sy > 1e-10 && yy > 0)
        {
            _rho[slot] = 1 / sy;
            _gamma = sy / yy;
            _newest = slot;
            _historyCount = Math.Min(_historyCount + 1, HistorySize);
        }
        else if (_historyCount == HistorySize)
        {
            // The rejected pair overwrote the oldest one, which is therefore gone.
            _historyCount--;
        }
        float largestMove = Math.Abs(TensorPrimitives.MaxMagnitude(step));

        double previous = _loss;
        _loss = loss;
        // The accepted buffer becomes the current gradient; the old one takes its place among the spares.
        if (ReferenceEquals(gradient, _spare1)) _spare1 = _gradient;
        else _spare2 = _gradient;
        _gradient = gradient;
        parameters.CopyTo(_point);
        Iterations++;

        if (GradientNorm() <= _gradientTolerance) return LbfgsStopReason.GradientTolerance;
        if (Math.Abs(loss - previous) < _changeTolerance || largestMove <= _changeTolerance) return LbfgsStopReason.NoProgress;
        return null;
    }

    /// <summary>d = −H·g by the two-loop recursion; returns the directional derivative g·d.</summary>
    private double ComputeDirection()
    {
        Span<float> q = _direction;
        _gradient.CopyTo(q);
        int index = _newest;
        for (int k = 0; k < _historyCount; k++)
        {
            double a = _rho[index] * TensorPrimitives.Dot(_steps[index], q);
            _alpha[index] = a;
            TensorPrimitives.MultiplyAdd(_gradientChanges[index], (float)-a, q, q);
            index = (index - 1 + HistorySize) % HistorySize;
        }
        if (_historyCount > 0) TensorPrimitives.Multiply(q, (float)_gamma, q);
        index = (_newest - _historyCount + 1 + HistorySize) % HistorySize;
        for (int k = 0; k < _historyCount; k++)
        {
            double b = _rho[index] * TensorPrimitives.Dot(_gradientChanges[index], q);
            TensorPrimitives.MultiplyAdd(_steps[index], (float)(_alpha[index] - b), q, q);
            index = (index + 1) % HistorySize;
        }
        TensorPrimitives.Negate(q, q);
        return TensorPrimitives.Dot(_gradient, q);
    }

    private double SteepestDescent()
    {
        TensorPrimitives.Negate(_gradient, _direction);
        return -(double)TensorPrimitives.Dot(_gradient, _gradient);
    }

    /// <summary>
    /// Finds t with f(x + t·d) ≤ f(x) + c₁·t·f'(0) and |f'(t)| ≤ c₂·|f'(0)|, leaves the parameters at x + t·d and
    /// returns the loss there and the spare buffer holding its gradient. Falls back to the best point with a
    /// sufficient decrease if the evaluation budget runs out; fails if there is none.
    /// </summary>
    private bool LineSearch(Span<float> parameters, Func<ReadOnlySpan<float>, Span<float>, float> objective, double slope0, out double loss, out float[] gradient)
    {
        double loss0 = _loss;
        double c1 = _sufficientDecrease, c2 = _curvature;
        double directionSize = Math.Abs(TensorPrimitives.MaxMagnitude(_direction));
        // Early steps along −g are scaled down by the gradient's size, as PyTorch's first iteration.
        double t = _historyCount == 0 ? Math.Min(1.0, 1.0 / TensorPrimitives.SumOfMagnitudes(_gradient)) : 1.0;

        float[] trial = _spare1, best = _spare2;
        double previousStep = 0, previousLoss = loss0, previousSlope = slope0;
        double lo, loLoss, loSlope, hi, hiLoss, hiSlope;
        int evaluations = 0;

        // Bracketing: grow the step until the interval holds a point satisfying both conditions.
        while (true)
        {
            double f = EvaluateAt(parameters, t, objective, trial);
            double slope = TensorPrimitives.Dot(trial, _direction);
            evaluations++;
            if (!(f <= loss0 + c1 * t * slope0) || (evaluations > 1 && f >= previousLoss))
            {
                (lo, loLoss, loSlope, hi, hiLoss, hiSlope) = (previousStep, previousLoss, previousSlope, t, f, slope);
                break;
            }
            if (Math.Abs(slope) <= -c2 * slope0) return Accept(f, trial, out loss, out gradient);
            if (slope >= 0)
            {
                (lo, loLoss, loSlope, hi, hiLoss, hiSlope) = (t, f, slope, previousStep, previousLoss, previousSlope);
                (trial, best) = (best, trial);
                break;
            }
            // A sufficient decrease that still descends: remember it (its gradient in best) and go further.
            (trial, best) = (best, trial);
            if (evaluations >= _maxLineSearchEvaluations) return Accept(f, best, out loss, out gradient);
            double next = Cubic(previousStep, previousLoss, previousSlope, t, f, slope, t + 0.01 * (t - previousStep), 10 * t);
            (previousStep, previousLoss, previousSlope) = (t, f, slope);
            t = next;
        }

        // Zoom: lo has a sufficient decrease and the lowest loss so far (its gradient in best unless lo is 0).
        while (evaluations < _maxLineSearchEvaluations && Math.Abs(hi - lo) * directionSize >= _changeTolerance)
        {
            double a = Math.Min(lo, hi), b = Math.Max(lo, hi), margin = 0.1 * (b - a);
            t = Cubic(lo, loLoss, loSlope, hi, hiLoss, hiSlope, a + margin, b - margin);
            double f = EvaluateAt(parameters, t, objective, trial);
            double slope = TensorPrimitives.Dot(trial, _direction);
            evaluations++;
            if (!(f <= loss0 + c1 * t * slope0) || f >= loLoss)
            {
                (hi, hiLoss, hiSlope) = (t, f, slope);
                continue;
            }
            if (Math.Abs(slope) <= -c2 * slope0) return Accept(f, trial, out loss, out gradient);
            if (slope * (hi - lo) >= 0) (hi, hiLoss, hiSlope) = (lo, loLoss, loSlope);
            (lo, loLoss, loSlope) = (t, f, slope);
            (trial, best) = (best, trial);
        }
        if (lo > 0)
        {
            TensorPrimitives.MultiplyAdd(_direction, (float)lo, _point, parameters);
            return Accept(loLoss, best, out loss, out gradient);
        }
        loss = double.NaN;
        gradient = _gradient;
        return false;

        bool Accept(double value, float[] buffer, out double acceptedLoss, out float[] acceptedGradient)
        {
            // Local swaps may have exchanged the spares; store them back so the caller can tell which one it got.
            (_spare1, _spare2) = (trial, best);
            acceptedLoss = value;
            acceptedGradient = buffer;
            return true;
        }
    }

    private double EvaluateAt(Span<float> parameters, double t, Func<ReadOnlySpan<float>, Span<float>, float> objective, float[] gradient)
    {
        TensorPrimitives.MultiplyAdd(_direction, (float)t, _point, parameters);
        return Evaluate(parameters, objective, gradient);
    }

    private double Evaluate(Span<float> parameters, Func<ReadOnlySpan<float>, Span<float>, float> objective, float[] gradient)
    {
        float loss = objective(parameters, gradient);
        Evaluations++;
        return loss;
    }

    /// <summary>
    /// The minimiser of the cubic through (x₁, f₁, g₁) and (x₂, f₂, g₂), clamped to [low, high]; the midpoint
    /// when the cubic has none or a value is not finite (a step that overflowed the objective).
    /// </summary>
    private static double Cubic(double x1, double f1, double g1, double x2, double f2, double g2, double low, double high)
    {
        double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
        double square = d1 * d1 - g1 * g2;
        if (square >= 0)
        {
            double d2 = Math.Sqrt(square);
            double minimum = x1 <= x2
                ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
                : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
            if (double.IsFinite(minimum)) return Math.Min(Math.Max(minimum, low), high);
        }
        return (low + high) / 2;
    }

    private float GradientNorm() => _gradient.Length == 0 ? float.NaN : Math.Abs(TensorPrimitives.MaxMagnitude(_gradient));

    private void ClearHistory()
    {
        _historyCount = 0;
        _newest = -1;
        _gamma = 1;
    }

    private void Allocate(int count)
    {
        if (count == 0)
        {
            throw new ArgumentException($"{nameof(LbfgsOptimizer)}: the parameter span is empty; it must hold at least one parameter.", "parameters");
        }
        if (_point.Length == count) return;
        if (_point.Length != 0)
        {
            throw new ArgumentException(
                $"{nameof(LbfgsOptimizer)}: its history was made for {_point.Length} parameters, but this step has {count}; use one optimiser per problem.",
                "parameters");
        }
        _point = new float[count];
        _gradient = new float[count];
        _direction = new float[count];
        _spare1 = new float[count];
        _spare2 = new float[count];
        _steps = new float[HistorySize][];
        _gradientChanges = new float[HistorySize][];
        for (int i = 0; i < HistorySize; i++)
        {
            _steps[i] = new float[count];
            _gradientChanges[i] = new float[count];
        }
    }

    private static double CheckNonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{nameof(LbfgsOptimizer)}: {name} must be finite and at least 0.");
        }
        return value;
    }
}
