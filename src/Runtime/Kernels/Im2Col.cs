using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DslNet.CompilerServices;

/// <summary>
/// A convolution's unrolling of one image into columns (im2col), <c>columns[(c, ky, kx), (oy, ox)] =
/// image[c, oy · S + ky − padTop, ox · S + kx − padLeft]</c> (0 outside the image), and its adjoint (col2im), which adds
/// the columns back onto the image; every size comes from the <see cref="IIm2ColShape"/> struct as a constant. Both walk
/// the same rows (<c>Walk</c>), one copying and one adding. With stride 1 and no padding every columns row is a whole
/// run of an image row, copied or added in Vector128 steps at constant offsets (rows of a few dozen floats are too short
/// for a library call or a loop to pay off).
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
        Walk<TShape, ImageToColumns>(ref MemoryMarshal.GetReference(image), ref MemoryMarshal.GetReference(columns));
    }

    /// <summary>col2im: <paramref name="image"/> = Σ of the column entries that read each of its floats (it is cleared first).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Fold<TShape>(ReadOnlySpan<float> columns, Span<float> image)
        where TShape : struct, IIm2ColShape
    {
        Check<TShape>(image.Length, columns.Length);
        image.Clear();
        Walk<TShape, ColumnsOntoImage>(ref MemoryMarshal.GetReference(image), ref MemoryMarshal.GetReference(columns));
    }

    /// <summary>
    /// Every columns row (c, ky, kx), output row by output row, with the image row it reads; <typeparamref name="TTransfer"/>
    /// says which way the floats go. Stride 1 without padding moves whole rows at constant offsets; otherwise each
    /// tap's valid output range is computed once and the rows are moved (stride 1) or gathered through refs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Walk<TShape, TTransfer>(ref float image, ref float columns)
        where TShape : struct, IIm2ColShape
        where TTransfer : struct, ITransfer
    {
        for (int c = 0; c < TShape.Channels; c++)
        {
            for (int ky = 0; ky < TShape.KernelSize; ky++)
            {
                for (int kx = 0; kx < TShape.KernelSize; kx++)
                {
                    var (first, last) = ValidRange<TShape>(kx);
                    ref float columnsRow = ref Unsafe.Add(ref columns, ((c * TShape.KernelSize + ky) * TShape.KernelSize + kx) * Positions<TShape>());
                    for (int oy = 0; oy < TShape.OutputHeight; oy++, columnsRow = ref Unsafe.Add(ref columnsRow, TShape.OutputWidth))
                    {
                        int iy = oy * TShape.Stride + ky - TShape.PadTop;
                        // Without padding every row is inside the image: the shape's constants let the JIT drop the test.
                        if (!IsPlainStrideOne<TShape>() && (uint)iy >= (uint)TShape.Height)
                        {
                            TTransfer.Padding(ref columnsRow, 0, TShape.OutputWidth);
                            continue;
                        }
                        ref float imageRow = ref Unsafe.Add(ref image, (c * TShape.Height + iy) * TShape.Width);
                        if (IsPlainStrideOne<TShape>())
                        {
                            TTransfer.WholeRow<TShape>(ref Unsafe.Add(ref imageRow, kx), ref columnsRow);
                            continue;
                        }
                        TTransfer.Padding(ref columnsRow, 0, first);
                        if (TShape.Stride == 1)
                        {
                            TTransfer.Run(ref Unsafe.Add(ref imageRow, first + kx - TShape.PadLeft), ref Unsafe.Add(ref columnsRow, first), last - first);
                        }
                        else
                        {
                            for (int ox = first; ox < last; ox++) TTransfer.One(ref Unsafe.Add(ref imageRow, ox * TShape.Stride + kx - TShape.PadLeft), ref Unsafe.Add(ref columnsRow, ox));
                        }
                        TTransfer.Padding(ref columnsRow, last, TShape.OutputWidth);
                    }
                }
            }
        }
    }

    /// <summary>Which way <see cref="Walk{TShape, TTransfer}"/> moves floats between an image row and a columns row.</summary>
    private interface ITransfer
    {
        /// <summary>The columns entries [start, end) that read padding.</summary>
        static abstract void Padding(ref float columns, int start, int end);

        /// <summary>A whole row of OutputWidth floats, image and columns aligned (stride 1, no padding).</summary>
        static abstract void WholeRow<TShape>(ref float image, ref float columns) where TShape : struct, IIm2ColShape;

        /// <summary><paramref name="count"/> contiguous floats.</summary>
        static abstract void Run(ref float image, ref float columns, int count);

        static abstract void One(ref float image, ref float columns);
    }

    /// <summary>im2col: columns ← image, zero where the padding is.</summary>
    private readonly struct ImageToColumns : ITransfer
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Padding(ref float columns, int start, int end) => Fill(ref columns, start, end);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void WholeRow<TShape>(ref float image, ref float columns) where TShape : struct, IIm2ColShape => CopyRow<TShape>(ref image, ref columns);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Run(ref float image, ref float columns, int count) => Copy(ref image, ref columns, count);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void One(ref float image, ref float columns) => columns = image;
    }

    /// <summary>col2im: image += columns; padding entries have no image float to go to.</summary>
    private readonly struct ColumnsOntoImage : ITransfer
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Padding(ref float columns, int start, int end)
        {
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void WholeRow<TShape>(ref float image, ref float columns) where TShape : struct, IIm2ColShape => AddRow<TShape>(ref columns, ref image);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Run(ref float image, ref float columns, int count) => Add(ref columns, ref image, count);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void One(ref float image, ref float columns) => image += columns;
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
