using System;

namespace DslNet;

/// <summary>Average pooling over <c>poolSize</c>×<c>poolSize</c> windows of each channel; the stride defaults to the window.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class AvgPool2DAttribute : Attribute
{
    /// <summary>Takes the average of each <paramref name="poolSize"/>×<paramref name="poolSize"/> window.</summary>
    /// <param name="poolSize">The window's side, at least 1; the build reports DN errors for a window larger than the input.</param>
    public AvgPool2DAttribute(int poolSize) => PoolSize = poolSize;

    /// <summary>The window's side, in pixels.</summary>
    public int PoolSize { get; }

    /// <summary>The step between windows; 0 (default) means the pool size.</summary>
    public int Stride { get; set; }

    /// <summary>The layer's name in generated code; <c>avgpool2d{n}</c> by default. Pooling has no parameters.</summary>
    public string? Name { get; set; }

    /// <summary>The layer this one reads, by name (<c>"input"</c> for the network's input); by default the layer declared before it.</summary>
    public string? From { get; set; }
}
