using System;
using System.Numerics.Tensors;

namespace DslNet;

/// <summary>
/// The <see cref="Trainer"/>'s default stop on a NaN or infinity (<see cref="TrainerOptions.StopOnNonFinite"/>): each step
/// it checks the loss and sums the flat gradient vector once (any NaN or infinity makes the sum non-finite), and keeps a
/// copy of the parameters that gave a finite loss and finite gradients. The copy's buffer is allocated once.
/// </summary>
internal sealed class NonFiniteGuard
{
    private readonly ParameterLayout _layout;
    // Offsets and lengths copied from the layout: ParameterSlice.Length walks its shape through an interface, which allocates.
    private readonly int[] _sliceOffset;
    private readonly int[] _sliceLength;
    private readonly float[] _lastGood;
    private long _lastGoodStep;

    public NonFiniteGuard(ParameterLayout layout)
    {
        _layout = layout;
        _sliceOffset = new int[layout.Count];
        _sliceLength = new int[layout.Count];
        for (int i = 0; i < layout.Count; i++)
        {
            _sliceOffset[i] = layout[i].Offset;
            _sliceLength[i] = layout[i].Length;
        }
        _lastGood = new float[layout.ParameterCount];
    }

    /// <summary>
    /// Checks one step before the optimiser runs. When the loss and gradients are finite, keeps the parameters as the last
    /// good copy; otherwise puts the last good parameters back if the current ones are not finite, and throws.
    /// </summary>
    /// <param name="loss">The step's loss, penalties included.</param>
    /// <param name="parameters">The parameters the loss was computed with; restored to the last good copy if they are not finite.</param>
    /// <param name="gradients">The gradients the optimiser is about to use.</param>
    /// <param name="step">The trainer's step, counted from 1.</param>
    /// <param name="epoch">The epoch of Fit, from 1; 0 outside Fit.</param>
    /// <param name="batch">The mini-batch of the epoch, from 1; 0 outside Fit.</param>
    /// <param name="monitor">The health monitor, if any, which records the flag among its events.</param>
    /// <exception cref="TrainingDivergedException">The loss or a gradient is NaN or infinite.</exception>
    public void Check(float loss, Span<float> parameters, ReadOnlySpan<float> gradients, long step, int epoch, int batch, GradientHealthMonitor? monitor)
    {
        if (float.IsFinite(loss) && (float.IsFinite(TensorPrimitives.Sum(gradients)) || FirstNonFinite(gradients) is null))
        {
            parameters.CopyTo(_lastGood);
            _lastGoodStep = step;
            return;
        }

        // Only now, on the way out, are the parameters scanned: a NaN there explains the NaN loss and must not stay.
        string tensor;
        string? layer = null;
        float value;
        string cause;
        string restored;
        if (FirstNonFinite(parameters) is (int slice, int index))
        {
            value = parameters[_sliceOffset[slice] + index];
            tensor = Name(slice);
            layer = _layout[slice].Layer;
            cause = $"parameter {tensor}[{index}] is {value}";
            if (_lastGoodStep > 0)
            {
                _lastGood.AsSpan().CopyTo(parameters);
                restored = $"the parameters were restored to their values before step {_lastGoodStep}, the last step with a finite loss and finite gradients";
            }
            else
            {
                restored = "no step had a finite loss yet, so the parameters are left as they are";
            }
        }
        else
        {
            restored = "the parameters are finite and unchanged by this step";
            if (!float.IsFinite(loss))
            {
                value = loss;
                tensor = "loss";
                cause = $"the loss is {loss}";
            }
            else
            {
                (slice, index) = FirstNonFinite(gradients)!.Value;
                value = gradients[_sliceOffset[slice] + index];
                tensor = Name(slice);
                layer = _layout[slice].Layer;
                cause = $"the gradient of {tensor}[{index}] is {value}";
            }
        }
        string message = $"{cause}; {restored}. Look for NaN or infinite inputs or targets, lower the learning rate or clip gradients ({nameof(TrainerOptions)}.{nameof(TrainerOptions.StopOnNonFinite)} = false trains on regardless).";
        var healthEvent = new HealthEvent(HealthIssue.NonFiniteValues, step, epoch, layer, value, double.NaN, message) { Batch = batch };
        monitor?.Record(healthEvent);
        throw new TrainingDivergedException(healthEvent) { Tensor = tensor };
    }

    private string Name(int slice) => $"{_layout[slice].Layer}.{_layout[slice].Name}";

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
}
