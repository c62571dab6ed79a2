using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>
/// The constants of one recurrent layer, as static members of a struct the generated code declares per distinct layer
/// shape: <see cref="RecurrentLayer"/>'s passes are generic over it, so each layer is compiled with its widths, gate
/// offsets and products' constants folded in. The units come from <see cref="IRecurrentShape"/>, which the gate passes
/// read from the same struct.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IRecurrentLayerShape : IRecurrentShape
{
    /// <summary>The floats of one time step's input.</summary>
    static abstract int Inputs { get; }

    /// <summary>The cell: SimpleRnn, Lstm or Gru.</summary>
    static abstract RecurrentCell Cell { get; }

    /// <summary>Whether the output holds every step's state ([batch, time, units]) rather than the last one ([batch, units]).</summary>
    static virtual bool ReturnsSequences => false;
}
