using System;

namespace DslNet.Tests;

/// <summary>An optimiser that leaves the parameters alone and keeps a copy of the last gradients it was given.</summary>
public sealed class RecordingOptimizer : IOptimizer
{
    public float LearningRate { get; set; } = 1f;

    public float[] LastGradients { get; private set; } = [];

    public int Steps { get; private set; }

    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        LastGradients = gradients.ToArray();
        Steps++;
    }
}
