using System;

namespace DslNet;

/// <summary>
/// Enlarges a [channels, height, width] feature map by an integer factor, repeating each value over a factor × factor
/// block (nearest neighbour: PyTorch's <c>Upsample(scale_factor, mode="nearest")</c>, Keras' <c>UpSampling2D</c>). The
/// decoder half of a U-Net or an autoencoder uses it to grow the maps back. No parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class Upsample2DAttribute : Attribute
{
    /// <summary>Declares the layer.</summary>
    /// <param name="factor">How many times taller and wider the output is; at least 1.</param>
    public Upsample2DAttribute(int factor) => Factor = factor;

    /// <summary>How many times taller and wider the output is.</summary>
    public int Factor { get; }

    /// <summary>The layer's name in generated code; <c>upsample2d{n}</c> by default.</summary>
    public string? Name { get; set; }

    /// <summary>The layer this one reads, by name (<c>"input"</c> for the network's input); by default the layer declared before it.</summary>
    public string? From { get; set; }
}
