using System;

namespace DslNet;

/// <summary>
/// Averages each channel of a [channels, height, width] feature map over all its positions, giving a vector of one
/// value per channel: the head of a residual network before its classifier (PyTorch's <c>AdaptiveAvgPool2d(1)</c>
/// followed by a flatten, Keras' <c>GlobalAveragePooling2D</c>). No parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class GlobalAveragePool2DAttribute : Attribute
{
    /// <summary>The layer's name in generated code; <c>globalaveragepool2d{n}</c> by default.</summary>
    public string? Name { get; set; }

    /// <summary>The layer this one reads, by name (<c>"input"</c> for the network's input); by default the layer declared before it.</summary>
    public string? From { get; set; }
}
