using System;

namespace DslNet;

/// <summary>Average pooling over <c>poolSize</c>×<c>poolSize</c> windows of each channel; the stride defaults to the window.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class AvgPool2DAttribute : Attribute
{
    public AvgPool2DAttribute(int poolSize) => PoolSize = poolSize;

    public int PoolSize { get; }

    /// <summary>The step between windows; 0 (default) means the pool size.</summary>
    public int Stride { get; set; }

    public string? Name { get; set; }
}
