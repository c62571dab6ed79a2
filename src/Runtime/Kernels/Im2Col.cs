using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DslNet.CompilerServices;

/// <summary>
/// A convolution's unrolling of one image into columns (im2col), <c>columns[(c, ky, kx), (oy, ox)] =
/// image[c, oy · S + ky − padTop, ox · S + kx − padLeft]</c> (0 outside the image), and its adjoint (col2im), which adds
/// the columns back onto the image; every size comes from the <see cref="IIm2ColShape"/> struct as a constant. With
/// stride 1 and no padding every columns row is a whole run of an image row, copied or added in Vector128 steps at
/// constant offsets (rows of a few dozen floats are too short for a library call or a loop to pay off).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Im2Col
{
    /// <summary>im2col: unrolls <paramref name="image"/> into <paramref name="columns"/>, zero where the padding is.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Unroll<TShape>(ReadOnlySpan<float> image, Span<float> columns)
        where TShape : struct, IIm2ColShape
    {
        Check<TShape>(image.Length, columns.Length);
        if (IsPlainStrideOne<TShape>())
        {
            ref float imageStart = ref MemoryMarshal.GetReference(image);
            ref float columnsStart = ref MemoryMarshal.GetReference(columns);
            for (int c = 0; c < TShape.Channels; c++)
            {
                for (int ky = 0; ky < TShape.KernelSize; ky++)
                {
                    for (int kx = 0; kx < TShape.KernelSize; kx++)
                    {
                        ref float imageRow = ref Unsafe.Add(ref imageStart, (c * TShape.Height + ky) * TShape.Width + kx);
                        ref float columnsRow = ref Unsafe.Add(ref columnsStart, ((c * TShape.KernelSize + ky) * TShape.KernelSize + kx) * Positions<TShape>());
                        for (int oy = 0; oy < TShape.OutputHeight; oy++)
                        {
                            CopyRow<TShape>(ref imageRow, ref columnsRow);
                            imageRow = ref Unsafe.Add(ref imageRow, TShape.Width);
                            columnsRow = ref Unsafe.Add(ref columnsRow, TShape.OutputWidth);
                        }
                    }
                }
            }
            return;
        }
        ref float image0 = ref MemoryMarshal.GetReference(image);
        ref float columns0 = ref MemoryMarshal.GetReference(columns);
        for (int c = 0; c < TShape.Channels; c++)
        {
            for (int ky = 0; ky < TShape.KernelSize; ky++)
            {
                for (int kx = 0; kx < TShape.KernelSize; kx++)
                {
                    // Output columns [first, last) read inside the image (ValidRange); the others read padding.
                    var (first, last) = ValidRange<TShape>(kx);
                    ref float columnsRow = ref Unsafe.Add(ref columns0, ((c * TShape.KernelSize + ky) * TShape.KernelSize + kx) * Positions<TShape>());
                    for (int oy = 0; oy < TShape.OutputHeight; oy++)
                    {
                        int iy = oy * TShape.Stride + ky - TShape.PadTop;
                        if ((uint)iy >= (uint)TShape.Height)
                        {
                            Fill(ref columnsRow, 0, TShape.OutputWidth);
                        }
                        else
                        {
                            ref float imageRow = ref Unsafe.Add(ref image0, (c * TShape.Height + iy) * TShape.Width);
                            Fill(ref columnsRow, 0, first);
                            if (TShape.Stride == 1)
                            {
                                // Stride 1: the valid part of the row is one contiguous run of the image row.
                                Copy(ref Unsafe.Add(ref imageRow, first + kx - TShape.PadLeft), ref Unsafe.Add(ref columnsRow, first), last - first);
                            }
                            else
                            {
                                for (int ox = first; ox < last; ox++) Unsafe.Add(ref columnsRow, ox) = Unsafe.Add(ref imageRow, ox * TShape.Stride + kx - TShape.PadLeft);
                            }
                            Fill(ref columnsRow, last, TShape.OutputWidth);
                        }
                        columnsRow = ref Unsafe.Add(ref columnsRow, TShape.OutputWidth);
                    }
                }
            }
        }
    }

    /// <summary>col2im: <paramref name="image"/> = Σ of the column entries that read each of its floats (it is cleared first).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Fold<TShape>(ReadOnlySpan<float> columns, Span<float> image)
        where TShape : struct, IIm2ColShape
    {
        Check<TShape>(image.Length, columns.Length);
        image.Clear();
        if (IsPlainStrideOne<TShape>())
        {
            ref float imageStart = ref MemoryMarshal.GetReference(image);
            ref float columnsStart = ref MemoryMarshal.GetReference(columns);
            for (int c = 0; c < TShape.Channels; c++)
            {
                for (int ky = 0; ky < TShape.KernelSize; ky++)
                {
                    for (int kx = 0; kx < TShape.KernelSize; kx++)
                    {
                        ref float imageRow = ref Unsafe.Add(ref imageStart, (c * TShape.Height + ky) * TShape.Width + kx);
                        ref float columnsRow = ref Unsafe.Add(ref columnsStart, ((c * TShape.KernelSize + ky) * TShape.KernelSize + kx) * Positions<TShape>());
                        for (int oy = 0; oy < TShape.OutputHeight; oy++)
                        {
                            AddRow<TShape>(ref columnsRow, ref imageRow);
                            imageRow = ref Unsafe.Add(ref imageRow, TShape.Width);
                            columnsRow = ref Unsafe.Add(ref columnsRow, TShape.OutputWidth);
                        }
                    }
                }
            }
            return;
        }
        ref float image0 = ref MemoryMarshal.GetReference(image);
        ref float columns0 = ref MemoryMarshal.GetReference(columns);
        for (int c = 0; c < TShape.Channels; c++)
        {
            for (int ky = 0; ky < TShape.KernelSize; ky++)
            {
                for (int kx = 0; kx < TShape.KernelSize; kx++)
                {
                    var (first, last) = ValidRange<TShape>(kx);
                    ref float columnsRow = ref Unsafe.Add(ref columns0, ((c * TShape.KernelSize + ky) * TShape.KernelSize + kx) * Positions<TShape>());
                    for (int oy = 0; oy < TShape.OutputHeight; oy++, columnsRow = ref Unsafe.Add(ref columnsRow, TShape.OutputWidth))
                    {
                        int iy = oy * TShape.Stride + ky - TShape.PadTop;
                        if ((uint)iy >= (uint)TShape.Height) continue;
                        ref float imageRow = ref Unsafe.Add(ref image0, (c * TShape.Height + iy) * TShape.Width);
                        if (TShape.Stride == 1)
                        {
                            Add(ref Unsafe.Add(ref columnsRow, first), ref Unsafe.Add(ref imageRow, first + kx - TShape.PadLeft), last - first);
                        }
                        else
                        {
                            for (int ox = first; ox < last; ox++) Unsafe.Add(ref imageRow, ox * TShape.Stride + kx - TShape.PadLeft) += Unsafe.Add(ref columnsRow, ox);
                        }
                    }
                }
            }
        }
    }

    // The helpers below read the shape's static members: without AggressiveInlining the JIT leaves them as calls, and
    // each kernel then branches and spills around a call where a constant should be.

    /// <summary>Stride 1 without padding: every row of the columns is one whole run of an image row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsPlainStrideOne<TShape>()
        where TShape : struct, IIm2ColShape =>
        TShape.Stride == 1 && TShape.PadTop == 0 && TShape.PadLeft == 0
        && TShape.Width == TShape.OutputWidth + TShape.KernelSize - 1 && TShape.Height == TShape.OutputHeight + TShape.KernelSize - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Positions<TShape>() where TShape : struct, IIm2ColShape => TShape.OutputHeight * TShape.OutputWidth;

    /// <summary>
    /// Output columns [first, last) read image columns inside the image (<c>0 ≤ ox · S + kx − padLeft &lt; Width</c>);
    /// the rest read padding. Every float the walks below touch lies inside the spans <see cref="Check{TShape}"/> sized.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (int First, int Last) ValidRange<TShape>(int kx)
        where TShape : struct, IIm2ColShape
    {
        int lowest = TShape.PadLeft - kx, highest = TShape.Width + TShape.PadLeft - kx;
        int first = Math.Min(Math.Max(0, (lowest + TShape.Stride - 1) / TShape.Stride), TShape.OutputWidth);
        int last = Math.Max(first, Math.Min(TShape.OutputWidth, (highest + TShape.Stride - 1) / TShape.Stride));
        return (first, last);
    }

    /// <summary>row[start, end) = 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Fill(ref float row, int start, int end)
    {
        for (int x = start; x < end; x++) Unsafe.Add(ref row, x) = 0f;
    }

    /// <summary>target[0, count) = source[0, count), in Vector128 steps then single floats: rows here are a few dozen floats, too short for a library call to pay off.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy(ref float source, ref float target, int count)
    {
        int x = 0;
        for (; x <= count - 4; x += 4) Vector128.LoadUnsafe(ref source, (nuint)x).StoreUnsafe(ref target, (nuint)x);
        for (; x < count; x++) Unsafe.Add(ref target, x) = Unsafe.Add(ref source, x);
    }

    /// <summary>target[0, count) += source[0, count), as <see cref="Copy"/> walks them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(ref float source, ref float target, int count)
    {
        int x = 0;
        for (; x <= count - 4; x += 4) (Vector128.LoadUnsafe(ref target, (nuint)x) + Vector128.LoadUnsafe(ref source, (nuint)x)).StoreUnsafe(ref target, (nuint)x);
        for (; x < count; x++) Unsafe.Add(ref target, x) += Unsafe.Add(ref source, x);
    }

    /// <summary>One row of OutputWidth floats, Vector128 steps at constant offsets (unrolled by the constant guards up to 64 floats) then single floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void CopyRow<TShape>(ref float source, ref float target)
        where TShape : struct, IIm2ColShape
    {
        const int Unrolled = 64;
        int vectorised = TShape.OutputWidth / 4 * 4;
        if (vectorised > Unrolled)
        {
            for (int x = 0; x < vectorised; x += 4) Vector128.LoadUnsafe(ref source, (nuint)x).StoreUnsafe(ref target, (nuint)x);
        }
        else
        {
            if (vectorised > 0) Vector128.LoadUnsafe(ref source, 0).StoreUnsafe(ref target, 0);
            if (vectorised > 4) Vector128.LoadUnsafe(ref source, 4).StoreUnsafe(ref target, 4);
            if (vectorised > 8) Vector128.LoadUnsafe(ref source, 8).StoreUnsafe(ref target, 8);
            if (vectorised > 12) Vector128.LoadUnsafe(ref source, 12).StoreUnsafe(ref target, 12);
            if (vectorised > 16) Vector128.LoadUnsafe(ref source, 16).StoreUnsafe(ref target, 16);
            if (vectorised > 20) Vector128.LoadUnsafe(ref source, 20).StoreUnsafe(ref target, 20);
            if (vectorised > 24) Vector128.LoadUnsafe(ref source, 24).StoreUnsafe(ref target, 24);
            if (vectorised > 28) Vector128.LoadUnsafe(ref source, 28).StoreUnsafe(ref target, 28);
            if (vectorised > 32) Vector128.LoadUnsafe(ref source, 32).StoreUnsafe(ref target, 32);
            if (vectorised > 36) Vector128.LoadUnsafe(ref source, 36).StoreUnsafe(ref target, 36);
            if (vectorised > 40) Vector128.LoadUnsafe(ref source, 40).StoreUnsafe(ref target, 40);
            if (vectorised > 44) Vector128.LoadUnsafe(ref source, 44).StoreUnsafe(ref target, 44);
            if (vectorised > 48) Vector128.LoadUnsafe(ref source, 48).StoreUnsafe(ref target, 48);
            if (vectorised > 52) Vector128.LoadUnsafe(ref source, 52).StoreUnsafe(ref target, 52);
            if (vectorised > 56) Vector128.LoadUnsafe(ref source, 56).StoreUnsafe(ref target, 56);
            if (vectorised > 60) Vector128.LoadUnsafe(ref source, 60).StoreUnsafe(ref target, 60);
        }
        if (TShape.OutputWidth % 4 > 0) Unsafe.Add(ref target, vectorised) = Unsafe.Add(ref source, vectorised);
        if (TShape.OutputWidth % 4 > 1) Unsafe.Add(ref target, vectorised + 1) = Unsafe.Add(ref source, vectorised + 1);
        if (TShape.OutputWidth % 4 > 2) Unsafe.Add(ref target, vectorised + 2) = Unsafe.Add(ref source, vectorised + 2);
    }

    /// <summary>target += source over OutputWidth floats, as <see cref="CopyRow{TShape}"/> walks them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void AddRow<TShape>(ref float source, ref float target)
        where TShape : struct, IIm2ColShape
    {
        const int Unrolled = 64;
        int vectorised = TShape.OutputWidth / 4 * 4;
        if (vectorised > Unrolled)
        {
            for (int x = 0; x < vectorised; x += 4) (Vector128.LoadUnsafe(ref target, (nuint)x) + Vector128.LoadUnsafe(ref source, (nuint)x)).StoreUnsafe(ref target, (nuint)x);
        }
        else
        {
            if (vectorised > 0) (Vector128.LoadUnsafe(ref target, 0) + Vector128.LoadUnsafe(ref source, 0)).StoreUnsafe(ref target, 0);
            if (vectorised > 4) (Vector128.LoadUnsafe(ref target, 4) + Vector128.LoadUnsafe(ref source, 4)).StoreUnsafe(ref target, 4);
            if (vectorised > 8) (Vector128.LoadUnsafe(ref target, 8) + Vector128.LoadUnsafe(ref source, 8)).StoreUnsafe(ref target, 8);
            if (vectorised > 12) (Vector128.LoadUnsafe(ref target, 12) + Vector128.LoadUnsafe(ref source, 12)).StoreUnsafe(ref target, 12);
            if (vectorised > 16) (Vector128.LoadUnsafe(ref target, 16) + Vector128.LoadUnsafe(ref source, 16)).StoreUnsafe(ref target, 16);
            if (vectorised > 20) (Vector128.LoadUnsafe(ref target, 20) + Vector128.LoadUnsafe(ref source, 20)).StoreUnsafe(ref target, 20);
            if (vectorised > 24) (Vector128.LoadUnsafe(ref target, 24) + Vector128.LoadUnsafe(ref source, 24)).StoreUnsafe(ref target, 24);
            if (vectorised > 28) (Vector128.LoadUnsafe(ref target, 28) + Vector128.LoadUnsafe(ref source, 28)).StoreUnsafe(ref target, 28);
            if (vectorised > 32) (Vector128.LoadUnsafe(ref target, 32) + Vector128.LoadUnsafe(ref source, 32)).StoreUnsafe(ref target, 32);
            if (vectorised > 36) (Vector128.LoadUnsafe(ref target, 36) + Vector128.LoadUnsafe(ref source, 36)).StoreUnsafe(ref target, 36);
            if (vectorised > 40) (Vector128.LoadUnsafe(ref target, 40) + Vector128.LoadUnsafe(ref source, 40)).StoreUnsafe(ref target, 40);
            if (vectorised > 44) (Vector128.LoadUnsafe(ref target, 44) + Vector128.LoadUnsafe(ref source, 44)).StoreUnsafe(ref target, 44);
            if (vectorised > 48) (Vector128.LoadUnsafe(ref target, 48) + Vector128.LoadUnsafe(ref source, 48)).StoreUnsafe(ref target, 48);
            if (vectorised > 52) (Vector128.LoadUnsafe(ref target, 52) + Vector128.LoadUnsafe(ref source, 52)).StoreUnsafe(ref target, 52);
            if (vectorised > 56) (Vector128.LoadUnsafe(ref target, 56) + Vector128.LoadUnsafe(ref source, 56)).StoreUnsafe(ref target, 56);
            if (vectorised > 60) (Vector128.LoadUnsafe(ref target, 60) + Vector128.LoadUnsafe(ref source, 60)).StoreUnsafe(ref target, 60);
        }
        if (TShape.OutputWidth % 4 > 0) Unsafe.Add(ref target, vectorised) += Unsafe.Add(ref source, vectorised);
        if (TShape.OutputWidth % 4 > 1) Unsafe.Add(ref target, vectorised + 1) += Unsafe.Add(ref source, vectorised + 1);
        if (TShape.OutputWidth % 4 > 2) Unsafe.Add(ref target, vectorised + 2) += Unsafe.Add(ref source, vectorised + 2);
    }

    /// <summary>Both spans checked once, so the rows can be walked with unchecked refs.</summary>
    private static void Check<TShape>(int imageLength, int columnsLength)
        where TShape : struct, IIm2ColShape
    {
        int imageSize = TShape.Channels * TShape.Height * TShape.Width, columnsSize = TShape.Channels * TShape.KernelSize * TShape.KernelSize * Positions<TShape>();
        if (imageLength != imageSize || columnsLength != columnsSize)
        {
            throw new ArgumentException(
                $"{typeof(TShape).Name}: expected an image of {imageSize} floats ([{TShape.Channels}, {TShape.Height}, {TShape.Width}]) and columns of {columnsSize} "
                + $"([{TShape.Channels * TShape.KernelSize * TShape.KernelSize}, {Positions<TShape>()}]); got {imageLength} and {columnsLength}.");
        }
    }
}
