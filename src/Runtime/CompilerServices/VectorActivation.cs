using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DslNet.CompilerServices;

/// <summary>
/// σ and tanh of one float or one vector of floats, for generated code's fused element-wise passes (the LSTM gates),
/// which load a vector, activate it and combine it with others while it is still in a register. One name for every
/// width, so the generated text is the same for each of its paths.
/// </summary>
/// <remarks>
/// The vectors use a float-only e^x (within 2 ulp) rather than <c>Vector256.Exp</c>, which widens to double and is
/// slower for it; e^x is all the cost of an LSTM's forward gates (figures in docs/recurrent.md, "Measured speed").
/// Single floats use <see cref="MathF"/>.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class VectorActivation
{
    /// <summary>σ(x) = 1 / (1 + e^−x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    /// <summary>σ(x) = 1 / (1 + e^−x), within 3 ulp; exactly 0 below −88.4 and 1 above 17.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x) => Vector256<float>.One / (Vector256<float>.One + Exp(-x));

    /// <summary>σ(x) = 1 / (1 + e^−x), within 3 ulp; exactly 0 below −88.4 and 1 above 17.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x) => Vector512<float>.One / (Vector512<float>.One + Exp(-x));

    /// <summary>σ(x) = 1 / (1 + e^−x), within 3 ulp; exactly 0 below −88.4 and 1 above 17.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sigmoid(Vector128<float> x) => Vector128<float>.One / (Vector128<float>.One + Exp(-x));

    /// <summary>tanh(x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float x) => MathF.Tanh(x);

    /// <inheritdoc cref="Tanh(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> x)
    {
        var magnitude = Vector128.Abs(x);
        var square = x * x;
        var series = x + x * square * (Vector128.Create(TanhSeries1) + square * (Vector128.Create(TanhSeries2)
            + square * (Vector128.Create(TanhSeries3) + square * (Vector128.Create(TanhSeries4) + square * Vector128.Create(TanhSeries5)))));
        var m = Exp(Vector128.Create(-2f) * magnitude) - Vector128<float>.One;
        var large = Vector128.CopySign(-m / (m + Vector128.Create(2f)), x);
        return Vector128.ConditionalSelect(Vector128.LessThan(magnitude, Vector128.Create(TanhSeriesLimit)), series, large);
    }

    /// <summary>
    /// tanh(x) within a few ulp, ±1 from |x| ≈ 9 on, never NaN for a finite x: tanh|x| = −m / (m + 2) with
    /// m = e^−2|x| − 1 (exact, as e^−2|x| ≥ ½ where it matters), and below |x| = ¼, where m cancels, the Taylor
    /// series to x¹¹.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x)
    {
        var magnitude = Vector256.Abs(x);
        var square = x * x;
        var series = x + x * square * (Vector256.Create(TanhSeries1) + square * (Vector256.Create(TanhSeries2)
            + square * (Vector256.Create(TanhSeries3) + square * (Vector256.Create(TanhSeries4) + square * Vector256.Create(TanhSeries5)))));
        var m = Exp(Vector256.Create(-2f) * magnitude) - Vector256<float>.One;
        var large = Vector256.CopySign(-m / (m + Vector256.Create(2f)), x);
        return Vector256.ConditionalSelect(Vector256.LessThan(magnitude, Vector256.Create(TanhSeriesLimit)), series, large);
    }

    /// <inheritdoc cref="Tanh(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x)
    {
        var magnitude = Vector512.Abs(x);
        var square = x * x;
        var series = x + x * square * (Vector512.Create(TanhSeries1) + square * (Vector512.Create(TanhSeries2)
            + square * (Vector512.Create(TanhSeries3) + square * (Vector512.Create(TanhSeries4) + square * Vector512.Create(TanhSeries5)))));
        var m = Exp(Vector512.Create(-2f) * magnitude) - Vector512<float>.One;
        var large = Vector512.CopySign(-m / (m + Vector512.Create(2f)), x);
        return Vector512.ConditionalSelect(Vector512.LessThan(magnitude, Vector512.Create(TanhSeriesLimit)), series, large);
    }

    // tanh x = x − x³/3 + 2x⁵/15 − 17x⁷/315 + 62x⁹/2835 − 1382x¹¹/155925 − …: below ¼ the next term is under 2⁻²⁶ of x.
    private const float TanhSeriesLimit = 0.25f;
    private const float TanhSeries1 = -1f / 3f, TanhSeries2 = 2f / 15f, TanhSeries3 = -17f / 315f, TanhSeries4 = 62f / 2835f, TanhSeries5 = -1382f / 155925f;

    // e^x = 2ⁿ·e^r with n = round(x / ln 2) and r = x − n·ln 2 (ln 2 in two parts, so r is exact) in [−½ ln 2, ½ ln 2],
    // e^r = 1 + r + r²·P(r) with P of degree 5. x is clamped to where 2ⁿ is a normal float: e^x saturates to
    // 1.2e−38 below and 2.4e38 above instead of 0 and ∞, which σ and tanh do not tell apart.
    private const float ExpMin = -87.33654f, ExpMax = 88.37626f, Log2E = 1.44269504f, Ln2High = 0.693359375f, Ln2Low = -2.12194440e-4f;
    private const float Exp2 = 5.0000001201e-1f, Exp3 = 1.6666665459e-1f, Exp4 = 4.1665795894e-2f, Exp5 = 8.3334519073e-3f, Exp6 = 1.3981999507e-3f, Exp7 = 1.9875691500e-4f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Exp(Vector256<float> x)
    {
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(ExpMin)), Vector256.Create(ExpMax));
        var n = Vector256.Round(x * Vector256.Create(Log2E));
        var r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2High), x);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Low), r);
        var p = Vector256.FusedMultiplyAdd(Vector256.Create(Exp7), r, Vector256.Create(Exp6));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(Exp5));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(Exp4));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(Exp3));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(Exp2));
        p = Vector256.FusedMultiplyAdd(p, r * r, r + Vector256<float>.One);
        return p * ((Vector256.ConvertToInt32Native(n) + Vector256.Create(127)) << 23).AsSingle();
    }

    // Vector128 serves ARM64 (NEON, which fuses) and x64 without FMA, where a fused multiply-add would run in software:
    // MultiplyAddEstimate fuses where the hardware can. ln 2's high part has 9 bits, so n·Ln2High is exact either way.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Exp(Vector128<float> x)
    {
        x = Vector128.Min(Vector128.Max(x, Vector128.Create(ExpMin)), Vector128.Create(ExpMax));
        var n = Vector128.Round(x * Vector128.Create(Log2E));
        var r = Vector128.MultiplyAddEstimate(n, Vector128.Create(-Ln2High), x);
        r = Vector128.MultiplyAddEstimate(n, Vector128.Create(-Ln2Low), r);
        var p = Vector128.MultiplyAddEstimate(Vector128.Create(Exp7), r, Vector128.Create(Exp6));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(Exp5));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(Exp4));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(Exp3));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(Exp2));
        p = Vector128.MultiplyAddEstimate(p, r * r, r + Vector128<float>.One);
        return p * ((Vector128.ConvertToInt32Native(n) + Vector128.Create(127)) << 23).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Exp(Vector512<float> x)
    {
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(ExpMin)), Vector512.Create(ExpMax));
        var n = Vector512.Round(x * Vector512.Create(Log2E));
        var r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2High), x);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Low), r);
        var p = Vector512.FusedMultiplyAdd(Vector512.Create(Exp7), r, Vector512.Create(Exp6));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(Exp5));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(Exp4));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(Exp3));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(Exp2));
        p = Vector512.FusedMultiplyAdd(p, r * r, r + Vector512<float>.One);
        return p * ((Vector512.ConvertToInt32Native(n) + Vector512.Create(127)) << 23).AsSingle();
    }
}
