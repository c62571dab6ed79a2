using System;
using System.Collections.Generic;
using System.IO;
using System.Numerics.Tensors;

namespace DslNet;

/// <summary>
/// The parameter groups of one optimiser: how many parameters it serves, and the runs of the flat vector
/// that weight decay applies to. Bound to a layout, the runs are the <see cref="ParameterKind.Weight"/>
/// slices (and the <see cref="ParameterKind.Bias"/> slices when biases are decayed too), adjacent slices
/// merged into one run. Never bound, the count is learned on the first step and one run covers everything,
/// because without a layout nothing tells a bias from a weight.
/// </summary>
internal sealed class ParameterGroups
{
    private readonly string _optimizer;
    private readonly bool _decayBiases;
    private int[] _runStarts = [];
    private int[] _runLengths = [];

    public ParameterGroups(string optimizer, bool decayBiases)
    {
        _optimizer = optimizer;
        _decayBiases = decayBiases;
    }

    /// <summary>The parameter count, or −1 before a bind, a first step or an imported state fixes it.</summary>
    public int Count { get; private set; } = -1;

    public void Bind(ParameterLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (Count >= 0 && Count != layout.ParameterCount)
        {
            throw new ArgumentException(
                $"{_optimizer}: it holds state for {Count} parameters, but the layout has {layout.ParameterCount}; use one optimiser per network.",
                nameof(layout));
        }
        var starts = new List<int>();
        var lengths = new List<int>();
        foreach (var slice in layout)
        {
            int length = slice.Length;
            if (length == 0 || slice.Kind == ParameterKind.State || (slice.Kind == ParameterKind.Bias && !_decayBiases)) continue;
            if (starts.Count > 0 && starts[^1] + lengths[^1] == slice.Offset) lengths[^1] += length;
            else
            {
                starts.Add(slice.Offset);
                lengths.Add(length);
            }
        }
        _runStarts = starts.ToArray();
        _runLengths = lengths.ToArray();
        Count = layout.ParameterCount;
    }

    /// <summary>Checks a step's length; the first step of an unbound optimiser fixes the count and decays everything.</summary>
    public void Prepare(int count)
    {
        if (Count == count) return;
        if (Count >= 0)
        {
            throw new ArgumentException(
                $"{_optimizer}: its state was made for {Count} parameters, but this step has {count}; use one optimiser per network.",
                "parameters");
        }
        Adopt(count);
    }

    /// <summary>
    /// The length of the state vectors in <paramref name="state"/>, read from <paramref name="vector"/>: 0 for a
    /// snapshot taken before the first step, else it must equal <see cref="Count"/> once that is known.
    /// </summary>
    /// <exception cref="InvalidDataException">The length differs from the bound count.</exception>
    public int StateLength(OptimizerState state, string vector)
    {
        int length = state.GetVector(vector).Length;
        if (length != 0 && Count >= 0 && length != Count)
        {
            throw new InvalidDataException(
                $"The {_optimizer} state's vector '{vector}' holds {length} floats, but the optimiser serves {Count} parameters; it was saved for another network.");
        }
        return length;
    }

    /// <summary>After an import of <paramref name="length"/>-float vectors, fixes the count of an unbound optimiser.</summary>
    public void AdoptStateLength(int length)
    {
        if (Count < 0 && length > 0) Adopt(length);
    }

    /// <summary>
    /// Writes <c>g + decay·p</c> on the decayed runs and <c>g</c> elsewhere into <paramref name="destination"/>
    /// (PyTorch's coupled L2 weight decay) and returns it.
    /// </summary>
    public ReadOnlySpan<float> AddDecay(ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradients, float decay, Span<float> destination)
    {
        int done = 0;
        for (int r = 0; r < _runStarts.Length; r++)
        {
            int start = _runStarts[r], length = _runLengths[r];
            gradients[done..start].CopyTo(destination[done..]);
            TensorPrimitives.MultiplyAdd(parameters.Slice(start, length), decay, gradients.Slice(start, length), destination.Slice(start, length));
            done = start + length;
        }
        gradients[done..].CopyTo(destination[done..]);
        return destination[..gradients.Length];
    }

    /// <summary>Multiplies the decayed runs of <paramref name="parameters"/> by <paramref name="factor"/> (decoupled weight decay).</summary>
    public void ScaleDecayed(Span<float> parameters, float factor)
    {
        for (int r = 0; r < _runStarts.Length; r++)
        {
            Span<float> run = parameters.Slice(_runStarts[r], _runLengths[r]);
            TensorPrimitives.Multiply(run, factor, run);
        }
    }

    private void Adopt(int count)
    {
        Count = count;
        _runStarts = count > 0 ? [0] : [];
        _runLengths = count > 0 ? [count] : [];
    }
}
