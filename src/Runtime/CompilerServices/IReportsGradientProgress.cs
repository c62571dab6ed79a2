using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>
/// A network whose backward pass reports to an <see cref="IGradientProgress"/> (every generated network). Its gradient
/// vector is on the pinned heap, so native code may read and write it while the backward pass goes on.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IReportsGradientProgress
{
    /// <summary>The listener of the next backward passes, or null for none (the default).</summary>
    IGradientProgress? GradientProgress { get; set; }
}
