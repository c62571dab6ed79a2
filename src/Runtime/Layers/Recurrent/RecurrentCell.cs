using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>Which cell a <see cref="RecurrentLayer"/> runs, and so how many gates of the unit count its gate rows hold.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum RecurrentCell
{
    /// <summary>h = tanh(x·W + h·U + b): one gate.</summary>
    SimpleRnn,

    /// <summary>[i f o g]: four gates, c = f·c + i·g, h = o·tanh(c).</summary>
    Lstm,

    /// <summary>[r z n] as PyTorch orders them: three gates, with a recurrent bias of its own.</summary>
    Gru,
}
