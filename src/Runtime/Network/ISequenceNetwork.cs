using System;

namespace DslNet;

/// <summary>
/// A generated network whose input is a sequence ([SequenceInput]): each sample is [time, ...step], batch-major
/// (<c>[batch, time, ...step]</c>), with the number of time steps <see cref="TimeSteps"/> set at run time and each
/// sequence's own length passed per batch. Steps past a sequence's length neither change a recurrent layer's state
/// nor receive gradient; their outputs are zero. Through <see cref="INetwork"/> every sequence has the full length.
/// </summary>
public interface ISequenceNetwork : INetwork
{
    /// <summary>Floats in one time step of the input (1 for token ids).</summary>
    int StepInputSize { get; }

    /// <summary>Floats in one time step of the output when <see cref="ReturnsSequences"/>, else in one output sample.</summary>
    int StepOutputSize { get; }

    /// <summary>Whether the output is a sequence [time, StepOutputSize] rather than one vector per sample.</summary>
    bool ReturnsSequences { get; }

    /// <summary>
    /// The time steps of every input sample; <see cref="INetwork.InputSize"/> and <see cref="INetwork.OutputSize"/>
    /// follow it. Setting a larger value than ever before grows the buffers (an allocation, so set it outside the
    /// training loop).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    int TimeSteps { get; set; }

    /// <summary>
    /// As <see cref="INetwork.Forward"/>, with each sequence's own length: <paramref name="lengths"/>[b] in
    /// [0, <see cref="TimeSteps"/>] for each of the <paramref name="batch"/> samples (an empty span: all full).
    /// A recurrent layer that returns one vector returns the state at each sequence's own last step.
    /// </summary>
    /// <exception cref="ArgumentException">A span length does not fit the batch, or a length is out of range.</exception>
    void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, ReadOnlySpan<int> lengths, bool training = false);

    /// <summary>
    /// Whether a recurrent layer carries its state from one batch to the next (declared <c>Stateful</c>): row b of a
    /// batch then starts from the final state of row b of the previous batch, until <see cref="ResetState"/>.
    /// </summary>
    bool IsStateful { get; }

    /// <summary>Sets the carried state of every stateful recurrent layer back to zero (a no-op without one).</summary>
    void ResetState();
}
