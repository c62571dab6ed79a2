using System;

namespace DslNet;

/// <summary>
/// Updates a network's flat parameter vector from its flat gradient vector, one step at a time.
/// </summary>
/// <remarks>
/// The <see cref="Trainer"/> calls <see cref="Bind"/> once, with the network's layout, before the first
/// step; an optimiser that never sees a layout treats every parameter alike (weight decay, where it has
/// one, then applies to biases too). <see cref="ExportState"/> and <see cref="ImportState"/> let a
/// checkpoint carry whatever the next steps depend on, so training can resume exactly.
/// </remarks>
public interface IOptimizer
{
    /// <summary>The step size, finite and at least 0; may be changed between steps (a schedule).</summary>
    float LearningRate { get; set; }

    /// <summary>
    /// Tells the optimiser the layout of the vector it will update, so it can treat weights and biases
    /// differently (by default weight decay skips <see cref="ParameterKind.Bias"/> slices). Called once,
    /// before the first step; binding again to a layout of the same length is allowed. The default does
    /// nothing, which suits an optimiser that treats every parameter alike.
    /// </summary>
    /// <exception cref="ArgumentException">The optimiser already holds state for a different number of parameters.</exception>
    void Bind(ParameterLayout layout)
    {
    }

    /// <summary>Applies one update to <paramref name="parameters"/> from <paramref name="gradients"/> of the same length.</summary>
    /// <exception cref="ArgumentException">The lengths differ, or differ from the length the optimiser's state was made for.</exception>
    void Step(Span<float> parameters, ReadOnlySpan<float> gradients);

    /// <summary>
    /// A snapshot of everything the next steps depend on (learning rate, step count, moment vectors) and of
    /// the settings that shape them, independent of later steps. The default records the type name and the
    /// learning rate, which is all a stateless optimiser has.
    /// </summary>
    OptimizerState ExportState() =>
        new OptimizerState(GetType().Name).AddScalar(OptimizerState.LearningRateName, LearningRate);

    /// <summary>
    /// Restores a snapshot made by <see cref="ExportState"/> of an optimiser of the same kind and settings.
    /// Everything is checked before anything changes: if this throws, the optimiser is as it was.
    /// </summary>
    /// <exception cref="System.IO.InvalidDataException">
    /// The state is for another optimiser or other settings, lacks an entry, or its vectors do not fit the
    /// parameter count this optimiser is bound to; the message names what differs, expected and actual.
    /// </exception>
    void ImportState(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.ExpectOptimizer(GetType().Name);
        float learningRate = state.GetLearningRate();
        LearningRate = learningRate;
    }
}
