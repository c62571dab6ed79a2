using System;

namespace DslNet;

/// <summary>Updates a network's flat parameter vector from its flat gradient vector, one step at a time.</summary>
public interface IOptimizer
{
    /// <summary>The step size; may be changed between steps (a schedule).</summary>
    float LearningRate { get; set; }

    /// <summary>Applies one update to <paramref name="parameters"/> from <paramref name="gradients"/> of the same length.</summary>
    /// <exception cref="ArgumentException">The lengths differ, or differ from the length the optimiser's state was made for.</exception>
    void Step(Span<float> parameters, ReadOnlySpan<float> gradients);
}
