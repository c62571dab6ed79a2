using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DslNet.CompilerServices;

/// <summary>
/// Dot products and multiply-adds over one head's features: attention makes one per query, key and head, too short
/// for a library call's dispatch to pay off, and often shorter than a loop's overhead. Four lanes at a time, then the
/// tail one by one. The head size is a constant of the shape, so the JIT keeps only the written-out lines a head uses
/// (heads up to 16 floats run no loop at all). Callers check the buffers once, so these read through refs.
/// </summary>
internal static class AttentionHeads
{
    // The longest vectorised part written out line by line; longer heads loop over it.
    private const int WrittenOut = 16;

    /// <summary>Σ_i x[i] · y[i] over one head's features.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot<TShape>(ref float x, ref float y) where TShape : struct, IAttentionShape
    {
        int size = TShape.Width / TShape.Heads, vectorised = size / 4 * 4;
        var sum = Vector128.Create(0f);
        if (vectorised <= WrittenOut)
        {
            if (vectorised >= 4) sum = MultiplyAdd(ref x, ref y, 0, sum);
            if (vectorised >= 8) sum = MultiplyAdd(ref x, ref y, 4, sum);
            if (vectorised >= 12) sum = MultiplyAdd(ref x, ref y, 8, sum);
            if (vectorised >= 16) sum = MultiplyAdd(ref x, ref y, 12, sum);
        }
        else
        {
            for (int i = 0; i < vectorised; i += 4) sum = MultiplyAdd(ref x, ref y, i, sum);
        }
        float total = Vector128.Sum(sum);
        if (size - vectorised >= 1) total += Unsafe.Add(ref x, vectorised) * Unsafe.Add(ref y, vectorised);
        if (size - vectorised >= 2) total += Unsafe.Add(ref x, vectorised + 1) * Unsafe.Add(ref y, vectorised + 1);
        if (size - vectorised >= 3) total += Unsafe.Add(ref x, vectorised + 2) * Unsafe.Add(ref y, vectorised + 2);
        return total;
    }

    /// <summary>y[i] += x[i] · scale over one head's features.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyAdd<TShape>(ref float x, ref float y, float scale) where TShape : struct, IAttentionShape
    {
        int size = TShape.Width / TShape.Heads, vectorised = size / 4 * 4;
        var factor = Vector128.Create(scale);
        if (vectorised <= WrittenOut)
        {
            if (vectorised >= 4) Scale(ref x, ref y, 0, factor);
            if (vectorised >= 8) Scale(ref x, ref y, 4, factor);
            if (vectorised >= 12) Scale(ref x, ref y, 8, factor);
            if (vectorised >= 16) Scale(ref x, ref y, 12, factor);
        }
        else
        {
            for (int i = 0; i < vectorised; i += 4) Scale(ref x, ref y, i, factor);
        }
        if (size - vectorised >= 1) Unsafe.Add(ref y, vectorised) += Unsafe.Add(ref x, vectorised) * scale;
        if (size - vectorised >= 2) Unsafe.Add(ref y, vectorised + 1) += Unsafe.Add(ref x, vectorised + 1) * scale;
        if (size - vectorised >= 3) Unsafe.Add(ref y, vectorised + 2) += Unsafe.Add(ref x, vectorised + 2) * scale;
    }

    /// <summary>sum + x[i .. i + 4) · y[i .. i + 4), lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> MultiplyAdd(ref float x, ref float y, int i, Vector128<float> sum) =>
        Vector128.FusedMultiplyAdd(Vector128.LoadUnsafe(ref x, (nuint)i), Vector128.LoadUnsafe(ref y, (nuint)i), sum);

    /// <summary>y[i .. i + 4) += x[i .. i + 4) · factor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scale(ref float x, ref float y, int i, Vector128<float> factor) =>
        Vector128.StoreUnsafe(Vector128.FusedMultiplyAdd(Vector128.LoadUnsafe(ref x, (nuint)i), factor, Vector128.LoadUnsafe(ref y, (nuint)i)), ref y, (nuint)i);
}
