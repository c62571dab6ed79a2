using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>
/// Told by a generated network's backward pass, layer by layer from the last, when parameter gradients are final, so a
/// distributed trainer can start summing them across processes while back-propagation works on the earlier layers.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IGradientProgress
{
    /// <summary>
    /// Every gradient from <paramref name="offset"/> to the end of the gradient vector is final for this backward pass.
    /// Called on the thread running the backward pass, with decreasing offsets.
    /// </summary>
    void GradientsFinalFrom(int offset);
}
