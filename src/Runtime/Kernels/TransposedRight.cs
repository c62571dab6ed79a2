using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace DslNet.CompilerServices;

/// <summary>
/// The right operand of a <see cref="DotProductMatMul"/> product turned so <see cref="MatMul"/>'s tiles can read it:
/// right[j, k] (rows along the reduction) copied to copy[k, j] (one row of every column per reduction step).
/// </summary>
internal static class TransposedRight
{
    private const int Block = 4;
    private const int Chunk = 16;

    /// <summary>
    /// right[j, k] into copy[k · Columns + j], for every j &lt; Columns and k &lt; Reduction: blocks of 4 columns × 4
    /// steps, read as four vectors along right's rows and turned in registers (four shuffles of pairs, four of halves),
    /// where SSE or ARM64's NEON has the shuffles; the columns and steps past the last whole block one float at a time.
    /// The steps go in chunks of a cache line of right's rows (16 floats): every block of columns is read a whole line
    /// of each of its four rows at a time, so right's rows, often a power of two of bytes apart and then in the same few
    /// cache sets, need not stay in cache across blocks; and the chunk's rows of the copy, written across every column,
    /// stay in cache until they are whole.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Copy<TShape>(ref float right, ref float copy)
        where TShape : struct, IDotProductShape
    {
        nint columns = TShape.Columns, reduction = TShape.Reduction, stride = TShape.RightRowStride;
        bool shuffles = Sse2.IsSupported || AdvSimd.Arm64.IsSupported;
        nint blockedColumns = shuffles ? columns / Block * Block : 0;
        nint blockedSteps = shuffles ? reduction / Block * Block : 0;
        for (nint chunk = 0; chunk < blockedSteps; chunk += Chunk)
        {
            nint chunkEnd = chunk + Chunk < blockedSteps ? chunk + Chunk : blockedSteps;
            for (nint j = 0; j < blockedColumns; j += Block)
            {
                ref float source = ref Unsafe.Add(ref right, j * stride);
                ref float target = ref Unsafe.Add(ref copy, j);
                for (nint k = chunk; k < chunkEnd; k += Block)
                {
                    var row0 = Vector128.LoadUnsafe(ref source, (nuint)k);
                    var row1 = Vector128.LoadUnsafe(ref source, (nuint)(k + stride));
                    var row2 = Vector128.LoadUnsafe(ref source, (nuint)(k + 2 * stride));
                    var row3 = Vector128.LoadUnsafe(ref source, (nuint)(k + 3 * stride));
                    // Pairs: (row0[0], row1[0], row0[1], row1[1]) and so on; the halves of two pairs make one step's four columns.
                    var low01 = UnpackLow(row0, row1);
                    var low23 = UnpackLow(row2, row3);
                    var high01 = UnpackHigh(row0, row1);
                    var high23 = UnpackHigh(row2, row3);
                    UnpackLow(low01.AsDouble(), low23.AsDouble()).AsSingle().StoreUnsafe(ref target, (nuint)(k * columns));
                    UnpackHigh(low01.AsDouble(), low23.AsDouble()).AsSingle().StoreUnsafe(ref target, (nuint)((k + 1) * columns));
                    UnpackLow(high01.AsDouble(), high23.AsDouble()).AsSingle().StoreUnsafe(ref target, (nuint)((k + 2) * columns));
                    UnpackHigh(high01.AsDouble(), high23.AsDouble()).AsSingle().StoreUnsafe(ref target, (nuint)((k + 3) * columns));
                }
            }
        }
        // The steps past the last whole block, in the columns of whole blocks; then the columns past the last whole block.
        for (nint k = blockedSteps; k < reduction; k++)
        {
            for (nint j = 0; j < blockedColumns; j++) Unsafe.Add(ref copy, k * columns + j) = Unsafe.Add(ref right, j * stride + k);
        }
        for (nint j = blockedColumns; j < columns; j++)
        {
            ref float source = ref Unsafe.Add(ref right, j * stride);
            for (nint k = 0; k < reduction; k++) Unsafe.Add(ref copy, k * columns + j) = Unsafe.Add(ref source, k);
        }
    }

    /// <summary>(left[0], right[0], left[1], right[1]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> UnpackLow(Vector128<float> left, Vector128<float> right) =>
        Sse.IsSupported ? Sse.UnpackLow(left, right) : AdvSimd.Arm64.ZipLow(left, right);

    /// <summary>(left[2], right[2], left[3], right[3]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> UnpackHigh(Vector128<float> left, Vector128<float> right) =>
        Sse.IsSupported ? Sse.UnpackHigh(left, right) : AdvSimd.Arm64.ZipHigh(left, right);

    /// <summary>(left[0], right[0]): the low halves of two vectors of floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> UnpackLow(Vector128<double> left, Vector128<double> right) =>
        Sse2.IsSupported ? Sse2.UnpackLow(left, right) : AdvSimd.Arm64.ZipLow(left, right);

    /// <summary>(left[1], right[1]): the high halves of two vectors of floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> UnpackHigh(Vector128<double> left, Vector128<double> right) =>
        Sse2.IsSupported ? Sse2.UnpackHigh(left, right) : AdvSimd.Arm64.ZipHigh(left, right);

    /// <summary>The <see cref="MatMul"/> product of left and the copy: the shape's rows, columns and reduction, right's rows <c>Columns</c> apart.</summary>
    internal readonly struct Shape<TShape> : IMatMulShape
        where TShape : struct, IDotProductShape
    {
        // Inlined whatever the JIT's inlining budget: the tiles read these in every accumulator's start, and a call left
        // there makes the JIT keep the accumulators in memory across it.
        public static int Columns { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Columns; }
        public static int Rows { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Rows; }
        public static int Reduction { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Reduction; }
        public static int LeftRowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.LeftRowStride; }
        public static int LeftReductionStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => 1; }
        public static int RightReductionStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Columns; }
        public static int ResultRowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.ResultRowStride; }
        public static MatMulStart Start { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Accumulate ? MatMulStart.Accumulate : MatMulStart.Zero; }
    }
}
