using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace DslNet.CompilerServices;

/// <summary>The widest vector path this machine accelerates: what generated code uses.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct WidestPath : IKernelPath
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Multiply<TShape>(ref float left, ref float right, ref float bias, ref float result, int rows, int reduction)
        where TShape : struct, IMatMulShape =>
        MatMul.Multiply<TShape>(ref left, ref right, ref bias, ref result, rows, reduction);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyFromPanels<TShape>(ref float left, ref float right, ref float bias, ref float result, float[] rightPanels, float[]? leftRows, int rows, int reduction)
        where TShape : struct, IPanelMatMulShape =>
        PanelMatMul.Multiply<TShape>(ref left, ref right, ref bias, ref result, rightPanels, leftRows, rows, reduction);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PackRight<TShape>(ref float right, float[] rightPanels)
        where TShape : struct, IPanelMatMulShape =>
        PanelMatMul.PackRight<TShape>(ref right, rightPanels);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyDotProducts<TShape>(ref float left, ref float right, ref float result, ref float scratch)
        where TShape : struct, IDotProductShape =>
        DotProductMatMul.Multiply<TShape>(ref left, ref right, ref result, ref scratch);
}

/// <summary>The Vector512 path (in software where AVX-512 is missing).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Vector512Path : IKernelPath
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Multiply<TShape>(ref float left, ref float right, ref float bias, ref float result, int rows, int reduction)
        where TShape : struct, IMatMulShape =>
        MatMul.MultiplyVector512<TShape>(ref left, ref right, ref bias, ref result, rows, reduction);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyFromPanels<TShape>(ref float left, ref float right, ref float bias, ref float result, float[] rightPanels, float[]? leftRows, int rows, int reduction)
        where TShape : struct, IPanelMatMulShape =>
        PanelMatMul.MultiplyVector512<TShape>(ref left, ref right, ref bias, ref result, rightPanels, leftRows, rows, reduction);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PackRight<TShape>(ref float right, float[] rightPanels)
        where TShape : struct, IPanelMatMulShape =>
        PanelMatMul.PackRightVector512<TShape>(ref right, rightPanels);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyDotProducts<TShape>(ref float left, ref float right, ref float result, ref float scratch)
        where TShape : struct, IDotProductShape =>
        DotProductMatMul.MultiplyVector512<TShape>(ref left, ref right, ref result, ref scratch);
}

/// <summary>The Vector256 path.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Vector256Path : IKernelPath
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Multiply<TShape>(ref float left, ref float right, ref float bias, ref float result, int rows, int reduction)
        where TShape : struct, IMatMulShape =>
        MatMul.MultiplyVector256<TShape>(ref left, ref right, ref bias, ref result, rows, reduction);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyFromPanels<TShape>(ref float left, ref float right, ref float bias, ref float result, float[] rightPanels, float[]? leftRows, int rows, int reduction)
        where TShape : struct, IPanelMatMulShape =>
        PanelMatMul.MultiplyVector256<TShape>(ref left, ref right, ref bias, ref result, rightPanels, leftRows, rows, reduction);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PackRight<TShape>(ref float right, float[] rightPanels)
        where TShape : struct, IPanelMatMulShape =>
        PanelMatMul.PackRightVector256<TShape>(ref right, rightPanels);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyDotProducts<TShape>(ref float left, ref float right, ref float result, ref float scratch)
        where TShape : struct, IDotProductShape =>
        DotProductMatMul.MultiplyVector256<TShape>(ref left, ref right, ref result, ref scratch);
}

/// <summary>The Vector128 path (NEON on ARM64).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Vector128Path : IKernelPath
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Multiply<TShape>(ref float left, ref float right, ref float bias, ref float result, int rows, int reduction)
        where TShape : struct, IMatMulShape =>
        MatMul.MultiplyVector128<TShape>(ref left, ref right, ref bias, ref result, rows, reduction);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyFromPanels<TShape>(ref float left, ref float right, ref float bias, ref float result, float[] rightPanels, float[]? leftRows, int rows, int reduction)
        where TShape : struct, IPanelMatMulShape =>
        PanelMatMul.MultiplyVector128<TShape>(ref left, ref right, ref bias, ref result, rightPanels, leftRows, rows, reduction);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PackRight<TShape>(ref float right, float[] rightPanels)
        where TShape : struct, IPanelMatMulShape =>
        PanelMatMul.PackRightVector128<TShape>(ref right, rightPanels);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyDotProducts<TShape>(ref float left, ref float right, ref float result, ref float scratch)
        where TShape : struct, IDotProductShape =>
        DotProductMatMul.MultiplyVector128<TShape>(ref left, ref right, ref result, ref scratch);
}

/// <summary>The scalar path.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ScalarPath : IKernelPath
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Multiply<TShape>(ref float left, ref float right, ref float bias, ref float result, int rows, int reduction)
        where TShape : struct, IMatMulShape =>
        MatMul.MultiplyScalar<TShape>(ref left, ref right, ref bias, ref result, rows, reduction);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyFromPanels<TShape>(ref float left, ref float right, ref float bias, ref float result, float[] rightPanels, float[]? leftRows, int rows, int reduction)
        where TShape : struct, IPanelMatMulShape =>
        PanelMatMul.MultiplyScalar<TShape>(ref left, ref right, ref bias, ref result, rightPanels, leftRows, rows, reduction);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PackRight<TShape>(ref float right, float[] rightPanels)
        where TShape : struct, IPanelMatMulShape =>
        PanelMatMul.PackRightScalar<TShape>(ref right, rightPanels);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyDotProducts<TShape>(ref float left, ref float right, ref float result, ref float scratch)
        where TShape : struct, IDotProductShape =>
        DotProductMatMul.MultiplyScalar<TShape>(ref left, ref right, ref result, ref scratch);
}
