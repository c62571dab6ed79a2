using System;
using System.Collections.Generic;
using System.Numerics.Tensors;

namespace DslNet;

/// <summary>
/// Watches training step by step, per layer of a <see cref="ParameterLayout"/>: gradient norms, update-to-weight
/// ratios, dead units, weight norms and the loss, and raises the flags <see cref="GradientHealthOptions"/>
/// describes as <see cref="HealthEvent"/>s. The <see cref="Trainer"/> drives it when
/// <see cref="TrainerOptions.Health"/> is set; a hand-written loop (two networks, say) calls
/// <see cref="ObserveGradients"/> before and <see cref="ObserveUpdate"/> after each optimiser step. It keeps a copy
/// of the parameters taken before each update, so a NaN or infinity can be undone. Observing allocates nothing
/// unless a flag fires.
/// </summary>
public sealed class GradientHealthMonitor
{
    private readonly ParameterLayout _layout;
    private readonly GradientHealthOptions _options;
    private readonly string[] _layers;
    // Offsets and lengths copied from the layout: ParameterSlice.Length walks its shape through an interface, which allocates.
    private readonly int[] _sliceOffset;
    private readonly int[] _sliceLength;
    private readonly int[] _sliceLayer;
    // Whether a slice counts in its layer's norms: the weights, or every slice of a layer without weights.
    private readonly bool[] _sliceMeasured;
    private readonly int _top;

    // Dead units: per layer the slice whose columns (rank 2) or elements (bias) are the units, and where its counters start.
    private readonly int[] _unitSlice;
    // The layer's bias slice when it has one unit per bias element, else -1: a unit whose inputs are all zero has a zero
    // weight column but a live bias gradient, and is not dead.
    private readonly int[] _unitBias;
    private readonly int[] _unitRows;
    private readonly bool[] _unitsAreColumns;
    private readonly int[] _unitStart;
    private readonly int[] _unitCount;
    private readonly int[] _zeroSteps;
    private readonly float[] _unitScratch;
    private readonly int[] _deadUnits;

    // This step, per layer: squared norms of the weights (before the update), gradients and updates.
    private readonly double[] _weightSquares;
    private readonly double[] _gradientSquares;
    private readonly double[] _updateSquares;

    // Flag state.
    private readonly double[] _initialWeightNorm;
    private readonly int[] _vanishingRun;
    private readonly bool[] _deadFlagged;
    private readonly bool[] _collapseFlagged;
    private double _previousGradientNorm;
    private double _largestGradientNorm;
    private double _largestBeforeGrowth;
    private double _growthStartNorm;
    private int _growthRun;
    private double _firstLossSum, _firstLossSquares;
    private double _lastLossSum, _lastLossSquares;

    // Since the last summary.
    private readonly double[] _periodGradientNorm;
    private readonly double[] _periodRatio;
    private long _periodSteps;
    private List<HealthEvent> _periodEvents = [];

    private readonly List<HealthEvent> _events = [];
    private readonly float[] _snapshot;
    private long _snapshotStep;
    // The parameters before the current run of gradient-norm growth began, for an exploding flag that stops training.
    private readonly float[] _beforeGrowth;
    private long _beforeGrowthStep;
    private bool _updateExploding;
    // Set by the first exploding flag: saturated or dead units after it are its aftermath, not a diagnosis of their own.
    private bool _exploded;
    private bool _awaitingUpdate;

    /// <summary>Creates a monitor for a network with <paramref name="layout"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    public GradientHealthMonitor(ParameterLayout layout, GradientHealthOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        options ??= new GradientHealthOptions();
        options.Validate();
        _layout = layout;
        _options = options;

        var names = new List<string>();
        _sliceOffset = new int[layout.Count];
        _sliceLength = new int[layout.Count];
        _sliceLayer = new int[layout.Count];
        for (int i = 0; i < layout.Count; i++)
        {
            _sliceOffset[i] = layout[i].Offset;
            _sliceLength[i] = layout[i].Length;
            int index = names.IndexOf(layout[i].Layer);
            if (index < 0)
            {
                index = names.Count;
                names.Add(layout[i].Layer);
            }
            _sliceLayer[i] = index;
        }
        _layers = names.ToArray();
        int layers = _layers.Length;
        _top = layers - 1;

        var hasWeights = new bool[layers];
        for (int i = 0; i < layout.Count; i++) hasWeights[_sliceLayer[i]] |= layout[i].Kind == ParameterKind.Weight;
        _sliceMeasured = new bool[layout.Count];
        // State has no gradient: it would read as a vanishing one.
        for (int i = 0; i < layout.Count; i++) _sliceMeasured[i] = layout[i].Kind != ParameterKind.State && (layout[i].Kind == ParameterKind.Weight || !hasWeights[_sliceLayer[i]]);

        _unitSlice = new int[layers];
        _unitRows = new int[layers];
        _unitBias = new int[layers];
        _unitsAreColumns = new bool[layers];
        _unitStart = new int[layers];
        _unitCount = new int[layers];
        int totalUnits = 0, widest = 0;
        for (int l = 0; l < layers; l++)
        {
            _unitSlice[l] = -1;
            for (int i = 0; i < layout.Count && _unitSlice[l] < 0; i++)
            {
                if (_sliceLayer[i] == l && layout[i].Kind == ParameterKind.Weight && layout[i].Shape.Count == 2 && layout[i].Length > 0)
                {
                    _unitSlice[l] = i;
                    _unitsAreColumns[l] = true;
                    _unitRows[l] = layout[i].Shape[0];
                    _unitCount[l] = layout[i].Shape[1];
                }
            }
            for (int i = 0; i < layout.Count && _unitSlice[l] < 0; i++)
            {
                if (_sliceLayer[i] == l && layout[i].Kind == ParameterKind.Bias && layout[i].Length > 0)
                {
                    _unitSlice[l] = i;
                    _unitCount[l] = layout[i].Length;
                }
            }
            _unitBias[l] = -1;
            for (int i = 0; i < layout.Count && _unitsAreColumns[l] && _unitBias[l] < 0; i++)
            {
                if (_sliceLayer[i] == l && layout[i].Kind == ParameterKind.Bias && layout[i].Length == _unitCount[l]) _unitBias[l] = i;
            }
            _unitStart[l] = totalUnits;
            totalUnits += _unitCount[l];
            widest = Math.Max(widest, _unitCount[l]);
        }
        _zeroSteps = new int[totalUnits];
        _unitScratch = new float[widest];
        _deadUnits = new int[layers];

        _weightSquares = new double[layers];
        _gradientSquares = new double[layers];
        _updateSquares = new double[layers];
        _initialWeightNorm = new double[layers];
        _vanishingRun = new int[layers];
        _deadFlagged = new bool[layers];
        _collapseFlagged = new bool[layers];
        _periodGradientNorm = new double[layers];
        _periodRatio = new double[layers];
        _snapshot = new float[layout.ParameterCount];
        _beforeGrowth = new float[layout.ParameterCount];
    }

    /// <summary>The thresholds in use.</summary>
    public GradientHealthOptions Options => _options;

    /// <summary>The layers, by their names in the layout, in layout order.</summary>
    public IReadOnlyList<string> Layers => _layers;

    /// <summary>The steps observed so far.</summary>
    public long Steps { get; private set; }

    /// <summary>The epoch stamped on events; the trainer sets it, 0 outside Fit.</summary>
    public int Epoch { get; set; }

    /// <summary>The mini-batch of the epoch stamped on events; the trainer sets it, 0 outside Fit.</summary>
    public int Batch { get; set; }

    /// <summary>The global L2 norm of the gradients at the last observed step.</summary>
    public double LastGradientNorm { get; private set; }

    /// <summary>Every flag raised so far, in order.</summary>
    public IReadOnlyList<HealthEvent> Events => _events;

    /// <summary>
    /// Observes one step before the optimiser runs: checks the loss, gradients and parameters are finite, measures
    /// the gradients, counts dead units and checks the loss and gradient-norm trends; then keeps a copy of the
    /// parameters. Call <see cref="ObserveUpdate"/> after the optimiser.
    /// </summary>
    /// <param name="loss">The step's loss, penalties included.</param>
    /// <param name="parameters">The network's parameters; restored to the last finite copy if they are not finite.</param>
    /// <param name="gradients">The gradients the optimiser is about to use.</param>
    /// <exception cref="TrainingDivergedException">Something is NaN or infinite.</exception>
    /// <exception cref="ArgumentException">A span's length is not the layout's parameter count.</exception>
    public void ObserveGradients(float loss, Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        CheckLength(parameters.Length, nameof(parameters));
        CheckLength(gradients.Length, nameof(gradients));
        Steps++;
        _awaitingUpdate = false;
        Array.Clear(_weightSquares);
        Array.Clear(_gradientSquares);

        // Parameters first: a NaN there explains a NaN loss.
        for (int i = 0; i < _sliceLayer.Length; i++)
        {
            Span<float> values = parameters.Slice(_sliceOffset[i], _sliceLength[i]);
            double squares = TensorPrimitives.SumOfSquares(values);
            if (!double.IsFinite(squares))
            {
                CheckFinite(values, i, "parameter", parameters, restore: true);
                squares = SumOfSquaresInDoubles(values);
            }
            if (_sliceMeasured[i]) _weightSquares[_sliceLayer[i]] += squares;
        }
        double total = 0;
        for (int i = 0; i < _sliceLayer.Length; i++)
        {
            ReadOnlySpan<float> values = gradients.Slice(_sliceOffset[i], _sliceLength[i]);
            double squares = TensorPrimitives.SumOfSquares(values);
            if (!double.IsFinite(squares))
            {
                CheckFinite(values, i, "gradient", parameters, restore: false);
                squares = SumOfSquaresInDoubles(values);
            }
            if (_sliceMeasured[i]) _gradientSquares[_sliceLayer[i]] += squares;
            total += squares;
        }
        // Before the loss check: an overflowing loss is often the end of an explosion worth naming.
        CheckExploding(Math.Sqrt(total), parameters);
        if (!float.IsFinite(loss))
        {
            Diverge(null, loss, $"the loss is {loss}; the parameters are finite and unchanged by this step. Look for NaN or infinite inputs or targets, or lower the learning rate.");
        }

        parameters.CopyTo(_snapshot);
        _snapshotStep = Steps;
        _awaitingUpdate = true;
        LastGradientNorm = Math.Sqrt(total);

        CheckCollapse();
        CountDeadUnits(gradients);
        CheckStagnation(loss);
    }

    /// <summary>
    /// Observes the parameters after the optimiser's update: checks they are finite (restoring the copy taken by
    /// <see cref="ObserveGradients"/> if not), measures each layer's update-to-weight ratio and checks for vanishing gradients.
    /// </summary>
    /// <exception cref="TrainingDivergedException">The update made a parameter NaN or infinite.</exception>
    /// <exception cref="InvalidOperationException"><see cref="ObserveGradients"/> did not precede this call.</exception>
    /// <exception cref="ArgumentException">The span's length is not the layout's parameter count.</exception>
    public void ObserveUpdate(Span<float> parameters)
    {
        CheckLength(parameters.Length, nameof(parameters));
        if (!_awaitingUpdate)
        {
            throw new InvalidOperationException($"{nameof(GradientHealthMonitor)}: call {nameof(ObserveGradients)} before each optimiser step and {nameof(ObserveUpdate)} after it.");
        }
        _awaitingUpdate = false;
        Array.Clear(_updateSquares);
        for (int i = 0; i < _sliceLayer.Length; i++)
        {
            Span<float> values = parameters.Slice(_sliceOffset[i], _sliceLength[i]);
            ReadOnlySpan<float> before = _snapshot.AsSpan(_sliceOffset[i], _sliceLength[i]);
            double distance = TensorPrimitives.Distance(values, before);
            if (!double.IsFinite(distance))
            {
                CheckFinite(values, i, "updated parameter", parameters, restore: true);
                distance = DistanceInDoubles(values, before);
            }
            if (_sliceMeasured[i]) _updateSquares[_sliceLayer[i]] += distance * distance;
        }

        CheckExplodingUpdate(parameters);
        _periodSteps++;
        for (int l = 0; l < _layers.Length; l++)
        {
            _periodGradientNorm[l] += Math.Sqrt(_gradientSquares[l]);
            _periodRatio[l] += Ratio(l);
        }
        CheckVanishing();
    }

    /// <summary>
    /// The figures and flags since the previous summary (or the start), labelled <paramref name="epoch"/>; starts a new period.
    /// </summary>
    public HealthSummary Summarize(int epoch)
    {
        var layers = new LayerHealth[_layers.Length];
        double steps = Math.Max(1, _periodSteps);
        for (int l = 0; l < layers.Length; l++)
        {
            layers[l] = new LayerHealth(_layers[l], _periodGradientNorm[l] / steps, _periodRatio[l] / steps,
                Math.Sqrt(_weightSquares[l]), _deadUnits[l], _unitCount[l]);
        }
        var summary = new HealthSummary(epoch, _periodSteps, layers, _periodEvents);
        Array.Clear(_periodGradientNorm);
        Array.Clear(_periodRatio);
        _periodSteps = 0;
        _periodEvents = [];
        return summary;
    }

    private double Ratio(int layer)
    {
        double weight = Math.Sqrt(_weightSquares[layer]), update = Math.Sqrt(_updateSquares[layer]);
        if (weight > 0) return update / weight;
        return update > 0 ? double.PositiveInfinity : 0;
    }

    private void CheckVanishing()
    {
        // Weights blown up by an explosion saturate tanh and sigmoid units and switch ReLUs off: the lower layers then stop
        // moving, which is the explosion's doing, already flagged, not gradients vanishing through depth.
        if (_exploded) return;
        double top = Ratio(_top);
        // Without a moving top layer (a frozen network, a recording optimiser) there is nothing to compare with.
        if (!(top > 0) || !double.IsFinite(top)) return;
        for (int l = 0; l < _top; l++)
        {
            double relative = Ratio(l) / top;
            if (relative < _options.VanishingRatio)
            {
                if (++_vanishingRun[l] == _options.VanishingSteps)
                {
                    Raise(HealthIssue.VanishingGradients, _layers[l], relative, _options.VanishingRatio,
                        $"layer {_layers[l]} updates {relative:0.0e+0} × as fast as the top layer {_layers[_top]} (update/weight {Ratio(l):0.0e+0} against {top:0.0e+0}) for {_options.VanishingSteps} steps: its gradients vanish. ReLU activations, He initialisation, fewer saturating layers or normalisation usually help.");
                }
            }
            else
            {
                _vanishingRun[l] = 0;
            }
        }
    }

    private void CheckCollapse()
    {
        for (int l = 0; l < _layers.Length; l++)
        {
            double norm = Math.Sqrt(_weightSquares[l]);
            if (Steps == 1) _initialWeightNorm[l] = norm;
            double initial = _initialWeightNorm[l];
            // Layers that start at zero have nothing to collapse from.
            if (!(initial > 0)) continue;
            double relative = norm / initial;
            bool collapsed = relative < _options.CollapseFraction;
            if (collapsed && !_collapseFlagged[l])
            {
                Raise(HealthIssue.CollapsingWeights, _layers[l], relative, _options.CollapseFraction,
                    $"the weights of {_layers[l]} shrank to {relative:0.0e+0} of their initial norm ({norm:0.0e+0} from {initial:0.0e+0}): a penalty or weight decay is too strong for the learning rate.");
            }
            _collapseFlagged[l] = collapsed;
        }
    }

    private void CountDeadUnits(ReadOnlySpan<float> gradients)
    {
        for (int l = 0; l < _layers.Length; l++)
        {
            int units = _unitCount[l];
            if (units == 0) continue;
            int offset = _sliceOffset[_unitSlice[l]];
            Span<float> magnitude = _unitScratch.AsSpan(0, units);
            if (_unitsAreColumns[l])
            {
                // The largest |g| down each column [inputs, units]: zero only if the whole column is zero.
                magnitude.Clear();
                for (int r = 0; r < _unitRows[l]; r++)
                {
                    TensorPrimitives.MaxMagnitude(magnitude, gradients.Slice(offset + r * units, units), magnitude);
                }
                if (_unitBias[l] >= 0) TensorPrimitives.MaxMagnitude(magnitude, gradients.Slice(_sliceOffset[_unitBias[l]], units), magnitude);
            }
            else
            {
                gradients.Slice(offset, units).CopyTo(magnitude);
            }
            Span<int> zeroSteps = _zeroSteps.AsSpan(_unitStart[l], units);
            int dead = 0;
            for (int u = 0; u < units; u++)
            {
                zeroSteps[u] = magnitude[u] == 0 ? zeroSteps[u] + 1 : 0;
                if (zeroSteps[u] >= _options.DeadUnitSteps) dead++;
            }
            _deadUnits[l] = dead;
            double fraction = (double)dead / units;
            // As for vanishing gradients: units killed by an explosion are counted but not flagged again.
            bool flagged = dead > 0 && fraction >= _options.DeadUnitFraction && !_exploded;
            if (flagged && !_deadFlagged[l])
            {
                Raise(HealthIssue.DeadUnits, _layers[l], fraction, _options.DeadUnitFraction,
                    $"{dead} of {units} units in {_layers[l]} ({fraction:P0}) have had an exactly zero gradient for {_options.DeadUnitSteps} steps or more: they are dead (dying ReLU). A lower learning rate, He initialisation or a leaky activation usually help.");
            }
            _deadFlagged[l] = flagged;
        }
    }

    private void CheckExplodingUpdate(Span<float> parameters)
    {
        int worst = -1;
        double worstRatio = 0;
        for (int l = 0; l < _layers.Length; l++)
        {
            // A layer that starts at zero has no size to compare its update with.
            if (!(_weightSquares[l] > 0)) continue;
            double ratio = Ratio(l);
            if (ratio >= _options.ExplodingUpdateRatio && ratio > worstRatio)
            {
                worst = l;
                worstRatio = ratio;
            }
        }
        bool exploding = worst >= 0;
        if (exploding && !_updateExploding)
        {
            _updateExploding = true;
            double weight = Math.Sqrt(_weightSquares[worst]), update = Math.Sqrt(_updateSquares[worst]);
            string stop = "";
            if (_options.ExplodingAction == HealthAction.Stop)
            {
                _snapshot.AsSpan().CopyTo(parameters);
                stop = $" Training stopped ({nameof(GradientHealthOptions.ExplodingAction)} is {nameof(HealthAction.Stop)}); the parameters were put back to their values before step {Steps}.";
            }
            Raise(HealthIssue.ExplodingGradients, _layers[worst], worstRatio, _options.ExplodingUpdateRatio,
                $"one update moved the weights of {_layers[worst]} {worstRatio:0.0e+0} × their own norm ({update:0.00e+0} against {weight:0.00e+0}): the step is far too large and the weights explode (saturating units then shrink the gradients, which hides it from the gradient norm). Lower the learning rate, clip gradients or shrink the initial weights.{stop}");
        }
        _updateExploding = exploding;
    }

    private void CheckExploding(double norm, Span<float> parameters)
    {
        if (_previousGradientNorm > 0 && norm >= _options.ExplodingGrowth * _previousGradientNorm)
        {
            if (_growthRun == 0)
            {
                _growthStartNorm = _previousGradientNorm;
                _largestBeforeGrowth = _largestGradientNorm;
                // The copy taken at the previous step holds the parameters that gave the norm before the growth.
                _snapshot.AsSpan().CopyTo(_beforeGrowth);
                _beforeGrowthStep = _snapshotStep;
            }
            _growthRun++;
            // Late in training tiny norms can double a few times on one hard batch and fall back; an explosion also
            // climbs past every norm seen before it.
            if (_growthRun == _options.ExplodingSteps && norm > _options.ExplodingGrowth * _largestBeforeGrowth)
            {
                double growth = norm / _growthStartNorm;
                string stop = "";
                if (_options.ExplodingAction == HealthAction.Stop && _beforeGrowthStep > 0)
                {
                    _beforeGrowth.AsSpan().CopyTo(parameters);
                    stop = $" Training stopped ({nameof(GradientHealthOptions.ExplodingAction)} is {nameof(HealthAction.Stop)}); the parameters were put back to their values before step {_beforeGrowthStep}, before the growth began.";
                }
                else if (_options.ExplodingAction == HealthAction.Stop)
                {
                    stop = $" Training stopped ({nameof(GradientHealthOptions.ExplodingAction)} is {nameof(HealthAction.Stop)}); no copy from before the growth exists, so the parameters are left as they are.";
                }
                Raise(HealthIssue.ExplodingGradients, null, growth, Math.Pow(_options.ExplodingGrowth, _options.ExplodingSteps),
                    $"the gradient norm grew {growth:0.0e+0}× over the last {_options.ExplodingSteps} steps (to {norm:0.00e+0}, past {_options.ExplodingGrowth}× the largest earlier norm {_largestBeforeGrowth:0.00e+0}), at least {_options.ExplodingGrowth}× each step: the gradients explode. Lower the learning rate, clip gradients or shrink the initial weights.{stop}");
            }
        }
        else
        {
            _growthRun = 0;
        }
        _previousGradientNorm = norm;
        _largestGradientNorm = Math.Max(_largestGradientNorm, norm);
    }

    private void CheckStagnation(float loss)
    {
        int window = _options.StagnationWindow, steps = _options.StagnationSteps;
        if (Steps > steps) return;
        if (Steps <= window)
        {
            _firstLossSum += loss;
            _firstLossSquares += (double)loss * loss;
        }
        if (Steps > steps - window)
        {
            _lastLossSum += loss;
            _lastLossSquares += (double)loss * loss;
        }
        if (Steps < steps) return;
        double first = _firstLossSum / window, last = _lastLossSum / window;
        // A loss already at zero has nothing left to improve.
        if (first == 0) return;
        // Mini-batch losses are noisy: a stagnating run may look a few per cent better or worse by chance, so the
        // improvement must also beat twice the standard error of the difference of the two means.
        double firstVariance = Math.Max(0, _firstLossSquares / window - first * first);
        double lastVariance = Math.Max(0, _lastLossSquares / window - last * last);
        double standardError = Math.Sqrt((firstVariance + lastVariance) / window);
        double improvement = (first - last) / Math.Abs(first);
        double needed = _options.StagnationMinImprovement + 2 * standardError / Math.Abs(first);
        if (improvement < needed)
        {
            Raise(HealthIssue.StagnatingLoss, null, improvement, needed,
                $"over the first {steps} steps the mean loss went from {first:G4} to {last:G4} ({improvement:P2}, less than the {needed:P2} needed): training is not making progress. Check the learning rate (too small, or so large the loss bounces), saturated activations and the data.");
        }
    }

    /// <summary>Raises the divergence for the first non-finite value, if any; a finite slice whose squares overflowed passes.</summary>
    private void CheckFinite(ReadOnlySpan<float> values, int sliceIndex, string what, Span<float> parameters, bool restore)
    {
        for (int k = 0; k < values.Length; k++)
        {
            if (float.IsFinite(values[k])) continue;
            float value = values[k];
            string restored;
            if (!restore)
            {
                restored = "the parameters are finite and unchanged by this step";
            }
            else if (_snapshotStep > 0)
            {
                _snapshot.AsSpan().CopyTo(parameters);
                restored = $"the parameters were restored to their values before step {_snapshotStep}";
            }
            else
            {
                restored = "no finite copy exists yet, so the parameters are left as they are";
            }
            var slice = _layout[sliceIndex];
            Diverge(slice.Layer, value,
                $"{what} {slice.Layer}.{slice.Name}[{k}] is {value}; {restored}. Lower the learning rate, clip gradients, or look for NaN or infinite inputs.");
        }
    }

    // Float sums of squares overflow for values beyond about 1e19; huge but finite values are measured in doubles.
    private static double SumOfSquaresInDoubles(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (float v in values) sum += (double)v * v;
        return sum;
    }

    private static double DistanceInDoubles(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double d = (double)x[i] - y[i];
            sum += d * d;
        }
        return Math.Sqrt(sum);
    }

    private void Diverge(string? layer, float value, string message)
    {
        _awaitingUpdate = false;
        var healthEvent = Raise(HealthIssue.NonFiniteValues, layer, value, double.NaN, message);
        throw new TrainingDivergedException(healthEvent);
    }

    /// <summary>Records a flag raised by the trainer for this run (its non-finite check), as if the monitor had raised it.</summary>
    internal void Record(HealthEvent healthEvent)
    {
        _awaitingUpdate = false;
        _events.Add(healthEvent);
        _periodEvents.Add(healthEvent);
        _options.Events?.Report(healthEvent);
    }

    /// <summary>Records and reports a flag; a flag whose action is Stop (other than a NaN, which the caller throws for) then throws.</summary>
    private HealthEvent Raise(HealthIssue issue, string? layer, double value, double threshold, string message)
    {
        bool stop = issue != HealthIssue.NonFiniteValues && _options.ActionFor(issue) == HealthAction.Stop;
        if (issue == HealthIssue.ExplodingGradients) _exploded = true;
        // Exploding gradients restore the weights and say so; the other flags leave the last weights, the good ones.
        if (stop && issue != HealthIssue.ExplodingGradients)
        {
            message += $" Training stopped (the action for {issue} is {nameof(HealthAction.Stop)}); the parameters are left as they are.";
        }
        var healthEvent = new HealthEvent(issue, Steps, Epoch, layer, value, threshold, message) { Batch = Batch };
        _events.Add(healthEvent);
        _periodEvents.Add(healthEvent);
        _options.Events?.Report(healthEvent);
        if (stop)
        {
            _awaitingUpdate = false;
            throw new TrainingDivergedException(healthEvent);
        }
        return healthEvent;
    }

    private void CheckLength(int length, string name)
    {
        if (length != _layout.ParameterCount)
        {
            throw new ArgumentException($"{nameof(GradientHealthMonitor)}: {name} must hold the layout's {_layout.ParameterCount} floats, got {length}.", name);
        }
    }
}
