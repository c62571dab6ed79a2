using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DslNet.CompilerServices;

/// <summary>
/// Dot products and multiply-adds over one head's features: attention makes one per query, key and head, too short
/// for a library call's dispatch to pay off. Four lanes at a time, then the tail one by one; with the head size a
/// constant the JIT compiles each to straight-line code. Callers check the buffers once, so these read through refs.
/// </summary>
internal static class AttentionHeads
{
    /// <summary>Σ_i x[i] · y[i] over <paramref name="size"/> floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ref float x, ref float y, int size)
    {
        var sum = Vector128.Create(0f);
        int i = 0;
        for (; i <= size - 4; i += 4)
        {
            sum = Vector128.FusedMultiplyAdd(Vector128.LoadUnsafe(ref x, (nuint)i), Vector128.LoadUnsafe(ref y, (nuint)i), sum);
        }
        float total = Vector128.Sum(sum);
        for (; i < size; i++) total += Unsafe.Add(ref x, i) * Unsafe.Add(ref y, i);
        return total;
    }

    /// <summary>y[i] += x[i] · scale over <paramref name="size"/> floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyAdd(ref float x, ref float y, float scale, int size)
    {
        var factor = Vector128.Create(scale);
        int i = 0;
        for (; i <= size - 4; i += 4)
        {
            Vector128.StoreUnsafe(Vector128.FusedMultiplyAdd(Vector128.LoadUnsafe(ref x, (nuint)i), factor, Vector128.LoadUnsafe(ref y, (nuint)i)), ref y, (nuint)i);
        }
        for (; i < size; i++) Unsafe.Add(ref y, i) += Unsafe.Add(ref x, i) * scale;
    }
}
