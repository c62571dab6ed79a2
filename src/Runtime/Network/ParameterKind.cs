namespace DslNet;

/// <summary>Whether a parameter slice is a weight (decayed, regularised) or a bias (by default not).</summary>
public enum ParameterKind
{
    /// <summary>A weight matrix or convolution kernel: L1/L2 penalties and AdamW's decay apply by default.</summary>
    Weight,

    /// <summary>A bias vector: penalties and weight decay skip it by default.</summary>
    Bias,

    /// <summary>
    /// State the network updates itself rather than learns (batch normalisation's running mean and variance): its gradient
    /// is always 0, optimisers leave it unchanged, penalties and weight decay never apply to it; checkpoints save it.
    /// </summary>
    State,
}
