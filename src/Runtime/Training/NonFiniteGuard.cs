using System;
using System.Numerics.Tensors;

namespace DslNet;

/// <summary>
/// The trainers' default stop on a NaN or infinity (<see cref="TrainerOptions.StopOnNonFinite"/>,
/// <see cref="GenerativeTrainerOptions.StopOnNonFinite"/>): each step the loss is checked and each network's flat gradient
/// and parameter vectors summed once (any NaN or infinity makes a sum non-finite), and each network's parameters, when all
/// is finite, are copied into a buffer allocated once, the last good copy.
/// </summary>
internal sealed class NonFiniteGuard
{
    private readonly INetwork _network;
    private readonly ParameterLayout _layout;
    // Names the network in messages when a trainer has several ("encoder/dense1.weight"); null for a single network.
    private readonly string? _owner;
    // Offsets and lengths copied from the layout: ParameterSlice.Length walks its shape through an interface, which allocates.
    private readonly int[] _sliceOffset;
    private readonly int[] _sliceLength;
    private readonly float[] _lastGood;
    private long _lastGoodStep;

    public NonFiniteGuard(INetwork network, string? owner = null)
    {
        _network = network;
        _layout = network.Layout;
        _owner = owner;
        _sliceOffset = new int[_layout.Count];
        _sliceLength = new int[_layout.Count];
        for (int i = 0; i < _layout.Count; i++)
        {
            _sliceOffset[i] = _layout[i].Offset;
            _sliceLength[i] = _layout[i].Length;
        }
        _lastGood = new float[_layout.ParameterCount];
    }

    /// <summary>
    /// Checks one step before the optimisers run. When the loss and every network's gradients and parameters are finite, keeps each
    /// network's parameters as its last good copy; otherwise puts the last good copy back into each network whose
    /// parameters are not finite, and throws.
    /// </summary>
    /// <param name="loss">The step's loss, penalties included.</param>
    /// <param name="step">The trainer's step, counted from 1.</param>
    /// <param name="epoch">The epoch of Fit, from 1; 0 when unknown or outside Fit.</param>
    /// <param name="batch">The mini-batch of the epoch, from 1; 0 when unknown or outside Fit.</param>
    /// <param name="monitor">The health monitor, if any, which records the flag among its events.</param>
    /// <param name="guards">One guard per network the step trained.</param>
    /// <exception cref="TrainingDivergedException">The loss or a gradient is NaN or infinite.</exception>
    public static void Check(float loss, long step, int epoch, int batch, GradientHealthMonitor? monitor, ReadOnlySpan<NonFiniteGuard> guards)
    {
        bool finite = float.IsFinite(loss);
        foreach (var guard in guards) finite = finite && guard.IsFinite(guard._network.Gradients) && guard.IsFinite(guard._network.Parameters);
        if (finite)
        {
            foreach (var guard in guards) guard.Keep(step);
            return;
        }

        // Only now, on the way out, are the parameters scanned: a NaN there explains the NaN loss and must not stay.
        Finding? found = null;
        foreach (var guard in guards) found = guard.RestoreNonFiniteParameters() ?? found;
        string restored = found is { } parameter
            ? parameter.LastGoodStep > 0
                ? $"the parameters were restored to their values before step {parameter.LastGoodStep}, the last step with a finite loss and finite gradients"
                : "no step had a finite loss yet, so the parameters are left as they are"
            : "the parameters are finite and unchanged by this step";
        if (found is null && !float.IsFinite(loss))
        {
            found = new Finding("loss", null, -1, loss, "loss", 0);
        }
        foreach (var guard in guards) found ??= guard.FindNonFiniteGradient();
        Finding where = found!.Value;
        string cause = where.Kind switch
        {
            "loss" => $"the loss is {loss}",
            "gradient" => $"the gradient of {where.Tensor}[{where.Index}] is {where.Value}",
            _ => $"parameter {where.Tensor}[{where.Index}] is {where.Value}",
        };
        string message = $"{cause}; {restored}. Look for NaN or infinite inputs or targets, lower the learning rate or clip gradients (StopOnNonFinite = false trains on regardless).";
        var healthEvent = new HealthEvent(HealthIssue.NonFiniteValues, step, epoch, where.Layer, where.Value, double.NaN, message) { Batch = batch };
        monitor?.Record(healthEvent);
        throw new TrainingDivergedException(healthEvent) { Tensor = where.Tensor };
    }

    private bool IsFinite(ReadOnlySpan<float> values) =>
        // A sum of finite values can overflow: only a NaN or infinity found element by element counts.
        float.IsFinite(TensorPrimitives.Sum(values)) || FirstNonFinite(values) is null;

    private void Keep(long step)
    {
        _network.Parameters.CopyTo(_lastGood);
        _lastGoodStep = step;
    }

    private Finding? RestoreNonFiniteParameters()
    {
        Span<float> parameters = _network.Parameters;
        if (FirstNonFinite(parameters) is not (int slice, int index)) return null;
        float value = parameters[_sliceOffset[slice] + index];
        if (_lastGoodStep > 0) _lastGood.AsSpan().CopyTo(parameters);
        return new Finding(Name(slice), _layout[slice].Layer, index, value, "parameter", _lastGoodStep);
    }

    private Finding? FindNonFiniteGradient()
    {
        ReadOnlySpan<float> gradients = _network.Gradients;
        if (FirstNonFinite(gradients) is not (int slice, int index)) return null;
        return new Finding(Name(slice), _layout[slice].Layer, index, gradients[_sliceOffset[slice] + index], "gradient", 0);
    }

    private string Name(int slice) => $"{(_owner is null ? "" : _owner + "/")}{_layout[slice].Layer}.{_layout[slice].Name}";

    private (int Slice, int Index)? FirstNonFinite(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < _sliceOffset.Length; i++)
        {
            ReadOnlySpan<float> slice = values.Slice(_sliceOffset[i], _sliceLength[i]);
            if (float.IsFinite(TensorPrimitives.Sum(slice))) continue;
            for (int k = 0; k < slice.Length; k++)
            {
                if (!float.IsFinite(slice[k])) return (i, k);
            }
        }
        return null;
    }

    /// <summary>Where a NaN or infinity was found: the tensor (a layout entry, or "loss"), its layer, the element and its value.</summary>
    private readonly record struct Finding(string Tensor, string? Layer, int Index, float Value, string Kind, long LastGoodStep);
}
