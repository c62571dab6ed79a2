using System.Runtime.CompilerServices;

namespace DslNet.CompilerServices;

/// <summary>A count known to the JIT: the rows or vectors of a register tile, as a type argument.</summary>
internal interface ITileCount
{
    static abstract int Value { get; }
}

internal readonly struct Count1 : ITileCount { public static int Value => 1; }
internal readonly struct Count2 : ITileCount { public static int Value => 2; }
internal readonly struct Count3 : ITileCount { public static int Value => 3; }
internal readonly struct Count4 : ITileCount { public static int Value => 4; }
internal readonly struct Count5 : ITileCount { public static int Value => 5; }
internal readonly struct Count6 : ITileCount { public static int Value => 6; }
internal readonly struct Count7 : ITileCount { public static int Value => 7; }
internal readonly struct Count8 : ITileCount { public static int Value => 8; }
internal readonly struct Count9 : ITileCount { public static int Value => 9; }
internal readonly struct Count10 : ITileCount { public static int Value => 10; }
internal readonly struct Count11 : ITileCount { public static int Value => 11; }
internal readonly struct Count12 : ITileCount { public static int Value => 12; }
internal readonly struct Count13 : ITileCount { public static int Value => 13; }
internal readonly struct Count14 : ITileCount { public static int Value => 14; }
internal readonly struct Count15 : ITileCount { public static int Value => 15; }
internal readonly struct Count16 : ITileCount { public static int Value => 16; }

/// <summary>The rows of a register tile, as a count.</summary>
internal readonly struct TileRows<TTile> : ITileCount
    where TTile : struct, IRegisterTile
{
    public static int Value { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TTile.Rows; }
}

/// <summary>The vectors of a register tile, as a count.</summary>
internal readonly struct TileVectors<TTile> : ITileCount
    where TTile : struct, IRegisterTile
{
    public static int Value { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TTile.Vectors; }
}
