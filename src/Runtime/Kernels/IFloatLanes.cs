namespace DslNet.CompilerServices;

/// <summary>
/// The float operations of one vector width, so a kernel is written once and specialised per width: each
/// implementation is a struct, and every call through it compiles to the width's instructions.
/// </summary>
/// <typeparam name="TVector">The vector type (<c>Vector512&lt;float&gt;</c> … or <c>float</c> itself).</typeparam>
internal interface IFloatLanes<TVector>
    where TVector : struct
{
    /// <summary>Floats per vector.</summary>
    static abstract int Count { get; }

    static abstract TVector Zero { get; }

    static abstract TVector Load(ref float source, nint offset);

    static abstract void Store(TVector value, ref float destination, nint offset);

    static abstract TVector Broadcast(float value);

    /// <summary><c>left · right + addend</c>.</summary>
    static abstract TVector MultiplyAdd(TVector left, TVector right, TVector addend);

    static abstract TVector ReLU(TVector value);

    /// <summary>The sum of the lanes.</summary>
    static abstract float Sum(TVector value);
}
