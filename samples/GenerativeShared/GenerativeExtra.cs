namespace DslNet.Samples;

/// <summary>The option one generative sample has beyond the shared ones.</summary>
internal enum GenerativeExtra
{
    None,
    /// <summary><c>--beta</c>: the Vae's weight of the KL term.</summary>
    Beta,
    /// <summary><c>--every</c>: how often the Gan writes its fixed-noise samples.</summary>
    Every,
}
