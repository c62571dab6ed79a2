namespace DslNet.CompilerServices;

/// <summary>The comparisons of one vector width that a fused max pooling needs, and one lane read out.</summary>
/// <typeparam name="TVector">The vector type.</typeparam>
internal interface IPoolingLanes<TVector> : IFloatLanes<TVector>
    where TVector : struct
{
    /// <summary>Per lane, <paramref name="candidate"/> where it is strictly greater than <paramref name="current"/>, else <paramref name="current"/> (the pooling's order: a tie or a NaN keeps the earlier value).</summary>
    static abstract TVector Greater(TVector candidate, TVector current);

    static abstract float Element(TVector value, int lane);
}
