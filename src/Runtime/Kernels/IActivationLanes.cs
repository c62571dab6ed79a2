namespace DslNet.CompilerServices;

/// <summary>
/// The activations of one vector width, for the fused element-wise kernels (the recurrent gate passes): each is
/// <see cref="VectorActivation"/>'s overload for the width, so a kernel written once over the lanes gives the same
/// floats as text written per width. The arithmetic is named, not an operator: the vector types implement no generic
/// operator interfaces.
/// </summary>
/// <typeparam name="TVector">The vector type (<c>Vector512&lt;float&gt;</c> … or <c>float</c> itself).</typeparam>
internal interface IActivationLanes<TVector> : IFloatLanes<TVector>
    where TVector : struct
{
    static abstract TVector One { get; }

    static abstract TVector Add(TVector left, TVector right);

    static abstract TVector Subtract(TVector left, TVector right);

    static abstract TVector Multiply(TVector left, TVector right);

    /// <summary>σ(x) = 1 / (1 + e^−x).</summary>
    static abstract TVector Sigmoid(TVector value);

    static abstract TVector Tanh(TVector value);
}
