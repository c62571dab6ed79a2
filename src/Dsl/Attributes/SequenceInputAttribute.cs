using System;

namespace DslNet;

/// <summary>
/// A sequence input: each sample is [time, ...step], the number of time steps chosen at run time (up to the
/// network's capacity) and each sequence's own length given per batch. <c>[SequenceInput(32)]</c> takes 32
/// features a step; <c>[SequenceInput]</c> takes one token id a step, for an <see cref="EmbeddingAttribute"/>;
/// <c>[SequenceInput(1, 28, 28)]</c> takes one image a step (video), for time-distributed convolutions.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class SequenceInputAttribute : Attribute
{
    /// <summary>Sequences whose time steps each have <paramref name="stepShape"/>; none for token ids.</summary>
    public SequenceInputAttribute(params int[] stepShape) => StepShape = stepShape;

    /// <summary>The shape of one time step; empty for token ids.</summary>
    public int[] StepShape { get; }
}
