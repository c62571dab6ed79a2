using System.Runtime.CompilerServices;

namespace DslNet.CompilerServices;

/// <summary>
/// How a runtime layer's product splits its reduction so the part of the right operand every row block reads stays
/// cached: the rule the generator's MatMulEmitter applies to the products it still writes (a separate assembly, so a
/// copy), kept the same so a layer's kernels see the constants they saw when they were generated.
/// AggressiveInlining: it is read inside the kernels, where it must fold to a constant.
/// </summary>
internal static class ProductSlices
{
    /// <summary>The slice of a run-time reduction (the rows of a weight gradient): a 16-wide panel of it stays in L1 while the rows pass.</summary>
    public const int RunTimeSlice = 256;

    /// <summary>A reduction slice whose rows of a right operand <paramref name="columns"/> wide fill about 128 KB (half an L2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ChunkFor(int columns) => System.Math.Max(16, System.Math.Min(256, 32768 / columns));

    /// <summary>
    /// The slice for a literal reduction: every row block reads all of right, so when that is larger than half an L2
    /// the reduction runs in slices whose part of right stays cached across the row blocks; 0 for one pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CacheSlice(int reduction, int columns) =>
        (long)reduction * columns * sizeof(float) > 256 * 1024 && reduction > ChunkFor(columns) ? ChunkFor(columns) : 0;
}
