using System.Runtime.CompilerServices;

namespace DslNet.CompilerServices;

/// <summary>A panel's width in floats, as a type argument.</summary>
internal interface IPanelWidth
{
    static abstract int Value { get; }
}

/// <summary>A full panel: <typeparamref name="TVectors"/> vectors of <typeparamref name="TLanes"/>, one register tile wide.</summary>
internal readonly struct FullPanel<TLanes, TVector, TVectors> : IPanelWidth
    where TLanes : struct, IFloatLanes<TVector>
    where TVector : struct
    where TVectors : struct, ITileCount
{
    public static int Value { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TLanes.Count * TVectors.Value; }
}

/// <summary>The last panel: the columns past the last full panel of <typeparamref name="TFull"/>.</summary>
internal readonly struct TailPanel<TShape, TFull> : IPanelWidth
    where TShape : struct, IMatMulShape
    where TFull : struct, IPanelWidth
{
    public static int Value { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Columns % TFull.Value; }
}
