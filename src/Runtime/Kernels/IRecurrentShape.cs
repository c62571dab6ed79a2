using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>
/// The unit count of a recurrent layer, as a static member of a struct: <see cref="RecurrentGates"/>' passes are
/// generic over it, so each layer width is compiled with its loop bounds, vector tails and gate offsets (an LSTM's
/// four gates lie one unit count apart) as constants. A layer's <see cref="IRecurrentLayerShape"/> struct, which generated
/// code declares, is one.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IRecurrentShape
{
    /// <summary>The units of the layer: the length of a state row and of each gate's slice of a gate row.</summary>
    static abstract int Units { get; }
}
