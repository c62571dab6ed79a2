using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DslNet.CompilerServices;

/// <summary>
/// The element-wise part of one recurrent step for one row, as one fused pass over the units: each gate value is
/// loaded once, activated, combined and stored while still in a register. Written once over the vector width and
/// specialised per layer width by an <see cref="IRecurrentShape"/> struct, so the loop bounds, the vector tail and the
/// gate offsets are constants. An LSTM gate row is [i f o g], a GRU's [r z n], one unit count apart. σ and tanh are
/// <see cref="VectorActivation"/>'s, and the backward's arithmetic keeps the order of the scalar definition, so every
/// path gives the floats of the scalar loop up to the activations' few ulp.
/// </summary>
/// <remarks>
/// Paths: Vector512 takes 16 floats at a time, then one 8-float step, then single floats; Vector256 8, then single
/// floats; Vector128 4, then single floats; scalar one float. A row shorter than a path's vector is single floats.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RecurrentGates
{
    /// <summary>
    /// LSTM forward from the pre-activations in <paramref name="gates"/>: [i f o] = σ, g = tanh (stored back into
    /// <paramref name="gates"/>, which the backward reads), <paramref name="cell"/> = f·<paramref name="previousCell"/> + i·g,
    /// <paramref name="cellTanh"/> = tanh(c), <paramref name="hidden"/> = o·tanh(c); on the widest path this machine accelerates.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static void LstmForward<TShape>(ref float gates, ref float previousCell, ref float cell, ref float cellTanh, ref float hidden)
        where TShape : struct, IRecurrentShape
    {
        if (Vector512.IsHardwareAccelerated) LstmForwardVector512<TShape>(ref gates, ref previousCell, ref cell, ref cellTanh, ref hidden);
        else if (Vector256.IsHardwareAccelerated) LstmForwardVector256<TShape>(ref gates, ref previousCell, ref cell, ref cellTanh, ref hidden);
        else if (Vector128.IsHardwareAccelerated) LstmForwardVector128<TShape>(ref gates, ref previousCell, ref cell, ref cellTanh, ref hidden);
        else LstmForwardScalar<TShape>(ref gates, ref previousCell, ref cell, ref cellTanh, ref hidden);
    }

    /// <summary>The Vector512 path of <see cref="LstmForward{TShape}"/> (runs in software where AVX-512 is missing).</summary>
    public static void LstmForwardVector512<TShape>(ref float gates, ref float previousCell, ref float cell, ref float cellTanh, ref float hidden)
        where TShape : struct, IRecurrentShape
    {
        nint j = LstmForwardLanes<TShape, Lanes512, Vector512<float>>(ref gates, ref previousCell, ref cell, ref cellTanh, ref hidden, 0);
        j = LstmForwardLanes<TShape, Lanes256, Vector256<float>>(ref gates, ref previousCell, ref cell, ref cellTanh, ref hidden, j);
        LstmForwardLanes<TShape, Lanes1, float>(ref gates, ref previousCell, ref cell, ref cellTanh, ref hidden, j);
    }

    /// <summary>The Vector256 path of <see cref="LstmForward{TShape}"/>.</summary>
    public static void LstmForwardVector256<TShape>(ref float gates, ref float previousCell, ref float cell, ref float cellTanh, ref float hidden)
        where TShape : struct, IRecurrentShape
    {
        nint j = LstmForwardLanes<TShape, Lanes256, Vector256<float>>(ref gates, ref previousCell, ref cell, ref cellTanh, ref hidden, 0);
        LstmForwardLanes<TShape, Lanes1, float>(ref gates, ref previousCell, ref cell, ref cellTanh, ref hidden, j);
    }

    /// <summary>The Vector128 path of <see cref="LstmForward{TShape}"/>: ARM64's NEON width.</summary>
    public static void LstmForwardVector128<TShape>(ref float gates, ref float previousCell, ref float cell, ref float cellTanh, ref float hidden)
        where TShape : struct, IRecurrentShape
    {
        nint j = LstmForwardLanes<TShape, Lanes128, Vector128<float>>(ref gates, ref previousCell, ref cell, ref cellTanh, ref hidden, 0);
        LstmForwardLanes<TShape, Lanes1, float>(ref gates, ref previousCell, ref cell, ref cellTanh, ref hidden, j);
    }

    /// <summary>The scalar path of <see cref="LstmForward{TShape}"/>.</summary>
    public static void LstmForwardScalar<TShape>(ref float gates, ref float previousCell, ref float cell, ref float cellTanh, ref float hidden)
        where TShape : struct, IRecurrentShape =>
        LstmForwardLanes<TShape, Lanes1, float>(ref gates, ref previousCell, ref cell, ref cellTanh, ref hidden, 0);

    /// <summary>
    /// LSTM gate gradients from the kept gates <paramref name="gates"/>, <paramref name="cellTanh"/> and
    /// <paramref name="previousCell"/>, with dL/dh in <paramref name="hiddenGradient"/> and the cell gradient carried in
    /// <paramref name="cellGradient"/> (replaced by the one for the step before):
    ///   dc' = dc + dh·o·(1 − tanh²c); dz = [dc'·g·i(1−i), dc'·c_{t−1}·f(1−f), dh·tanh c·o(1−o), dc'·i·(1−g²)]; dc = dc'·f
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static void LstmBackward<TShape>(ref float gates, ref float cellTanh, ref float previousCell, ref float hiddenGradient, ref float gateGradient, ref float cellGradient)
        where TShape : struct, IRecurrentShape
    {
        if (Vector512.IsHardwareAccelerated) LstmBackwardVector512<TShape>(ref gates, ref cellTanh, ref previousCell, ref hiddenGradient, ref gateGradient, ref cellGradient);
        else if (Vector256.IsHardwareAccelerated) LstmBackwardVector256<TShape>(ref gates, ref cellTanh, ref previousCell, ref hiddenGradient, ref gateGradient, ref cellGradient);
        else if (Vector128.IsHardwareAccelerated) LstmBackwardVector128<TShape>(ref gates, ref cellTanh, ref previousCell, ref hiddenGradient, ref gateGradient, ref cellGradient);
        else LstmBackwardScalar<TShape>(ref gates, ref cellTanh, ref previousCell, ref hiddenGradient, ref gateGradient, ref cellGradient);
    }

    /// <summary>The Vector512 path of <see cref="LstmBackward{TShape}"/>.</summary>
    public static void LstmBackwardVector512<TShape>(ref float gates, ref float cellTanh, ref float previousCell, ref float hiddenGradient, ref float gateGradient, ref float cellGradient)
        where TShape : struct, IRecurrentShape
    {
        nint j = LstmBackwardLanes<TShape, Lanes512, Vector512<float>>(ref gates, ref cellTanh, ref previousCell, ref hiddenGradient, ref gateGradient, ref cellGradient, 0);
        j = LstmBackwardLanes<TShape, Lanes256, Vector256<float>>(ref gates, ref cellTanh, ref previousCell, ref hiddenGradient, ref gateGradient, ref cellGradient, j);
        LstmBackwardLanes<TShape, Lanes1, float>(ref gates, ref cellTanh, ref previousCell, ref hiddenGradient, ref gateGradient, ref cellGradient, j);
    }

    /// <summary>The Vector256 path of <see cref="LstmBackward{TShape}"/>.</summary>
    public static void LstmBackwardVector256<TShape>(ref float gates, ref float cellTanh, ref float previousCell, ref float hiddenGradient, ref float gateGradient, ref float cellGradient)
        where TShape : struct, IRecurrentShape
    {
        nint j = LstmBackwardLanes<TShape, Lanes256, Vector256<float>>(ref gates, ref cellTanh, ref previousCell, ref hiddenGradient, ref gateGradient, ref cellGradient, 0);
        LstmBackwardLanes<TShape, Lanes1, float>(ref gates, ref cellTanh, ref previousCell, ref hiddenGradient, ref gateGradient, ref cellGradient, j);
    }

    /// <summary>The Vector128 path of <see cref="LstmBackward{TShape}"/>.</summary>
    public static void LstmBackwardVector128<TShape>(ref float gates, ref float cellTanh, ref float previousCell, ref float hiddenGradient, ref float gateGradient, ref float cellGradient)
        where TShape : struct, IRecurrentShape
    {
        nint j = LstmBackwardLanes<TShape, Lanes128, Vector128<float>>(ref gates, ref cellTanh, ref previousCell, ref hiddenGradient, ref gateGradient, ref cellGradient, 0);
        LstmBackwardLanes<TShape, Lanes1, float>(ref gates, ref cellTanh, ref previousCell, ref hiddenGradient, ref gateGradient, ref cellGradient, j);
    }

    /// <summary>The scalar path of <see cref="LstmBackward{TShape}"/>.</summary>
    public static void LstmBackwardScalar<TShape>(ref float gates, ref float cellTanh, ref float previousCell, ref float hiddenGradient, ref float gateGradient, ref float cellGradient)
        where TShape : struct, IRecurrentShape =>
        LstmBackwardLanes<TShape, Lanes1, float>(ref gates, ref cellTanh, ref previousCell, ref hiddenGradient, ref gateGradient, ref cellGradient, 0);

    /// <summary>
    /// GRU forward (PyTorch's equations) from the input pre-activations in <paramref name="gates"/> (x·W + b_i, [r z n])
    /// and the recurrent ones in <paramref name="hiddenGates"/> (h·U + b_h, [r z n]): r = σ(·_r + ·_r), z = σ(·_z + ·_z),
    /// n = tanh(x_n + r·h_n), stored back into <paramref name="gates"/> as [r z n] (the backward reads them, and h_n
    /// from <paramref name="hiddenGates"/>); <paramref name="hidden"/> = (1 − z)·n + z·<paramref name="previousHidden"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static void GruForward<TShape>(ref float gates, ref float hiddenGates, ref float previousHidden, ref float hidden)
        where TShape : struct, IRecurrentShape
    {
        if (Vector512.IsHardwareAccelerated) GruForwardVector512<TShape>(ref gates, ref hiddenGates, ref previousHidden, ref hidden);
        else if (Vector256.IsHardwareAccelerated) GruForwardVector256<TShape>(ref gates, ref hiddenGates, ref previousHidden, ref hidden);
        else if (Vector128.IsHardwareAccelerated) GruForwardVector128<TShape>(ref gates, ref hiddenGates, ref previousHidden, ref hidden);
        else GruForwardScalar<TShape>(ref gates, ref hiddenGates, ref previousHidden, ref hidden);
    }

    /// <summary>The Vector512 path of <see cref="GruForward{TShape}"/> (runs in software where AVX-512 is missing).</summary>
    public static void GruForwardVector512<TShape>(ref float gates, ref float hiddenGates, ref float previousHidden, ref float hidden)
        where TShape : struct, IRecurrentShape
    {
        nint j = GruForwardLanes<TShape, Lanes512, Vector512<float>>(ref gates, ref hiddenGates, ref previousHidden, ref hidden, 0);
        j = GruForwardLanes<TShape, Lanes256, Vector256<float>>(ref gates, ref hiddenGates, ref previousHidden, ref hidden, j);
        GruForwardLanes<TShape, Lanes1, float>(ref gates, ref hiddenGates, ref previousHidden, ref hidden, j);
    }

    /// <summary>The Vector256 path of <see cref="GruForward{TShape}"/>.</summary>
    public static void GruForwardVector256<TShape>(ref float gates, ref float hiddenGates, ref float previousHidden, ref float hidden)
        where TShape : struct, IRecurrentShape
    {
        nint j = GruForwardLanes<TShape, Lanes256, Vector256<float>>(ref gates, ref hiddenGates, ref previousHidden, ref hidden, 0);
        GruForwardLanes<TShape, Lanes1, float>(ref gates, ref hiddenGates, ref previousHidden, ref hidden, j);
    }

    /// <summary>The Vector128 path of <see cref="GruForward{TShape}"/>.</summary>
    public static void GruForwardVector128<TShape>(ref float gates, ref float hiddenGates, ref float previousHidden, ref float hidden)
        where TShape : struct, IRecurrentShape
    {
        nint j = GruForwardLanes<TShape, Lanes128, Vector128<float>>(ref gates, ref hiddenGates, ref previousHidden, ref hidden, 0);
        GruForwardLanes<TShape, Lanes1, float>(ref gates, ref hiddenGates, ref previousHidden, ref hidden, j);
    }

    /// <summary>The scalar path of <see cref="GruForward{TShape}"/>.</summary>
    public static void GruForwardScalar<TShape>(ref float gates, ref float hiddenGates, ref float previousHidden, ref float hidden)
        where TShape : struct, IRecurrentShape =>
        GruForwardLanes<TShape, Lanes1, float>(ref gates, ref hiddenGates, ref previousHidden, ref hidden, 0);

    /// <summary>
    /// GRU gate gradients from the kept gates <paramref name="gates"/> ([r z n]), h_n in <paramref name="hiddenGates"/>
    /// and <paramref name="previousHidden"/>, with dL/dh in <paramref name="hiddenGradient"/>:
    ///   a_n = dh·(1 − z)·(1 − n²); a_z = dh·(h_{t−1} − n)·z(1 − z); a_r = a_n·h_n·r(1 − r);
    ///   input side <paramref name="gateGradient"/> = [a_r, a_z, a_n]; recurrent side <paramref name="hiddenGateGradient"/> = [a_r, a_z, a_n·r];
    ///   <paramref name="hiddenGradient"/> is replaced by dh·z, the direct path to h_{t−1} (the caller adds the recurrent side times Uᵀ).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static void GruBackward<TShape>(ref float gates, ref float hiddenGates, ref float previousHidden, ref float hiddenGradient, ref float gateGradient, ref float hiddenGateGradient)
        where TShape : struct, IRecurrentShape
    {
        if (Vector512.IsHardwareAccelerated) GruBackwardVector512<TShape>(ref gates, ref hiddenGates, ref previousHidden, ref hiddenGradient, ref gateGradient, ref hiddenGateGradient);
        else if (Vector256.IsHardwareAccelerated) GruBackwardVector256<TShape>(ref gates, ref hiddenGates, ref previousHidden, ref hiddenGradient, ref gateGradient, ref hiddenGateGradient);
        else if (Vector128.IsHardwareAccelerated) GruBackwardVector128<TShape>(ref gates, ref hiddenGates, ref previousHidden, ref hiddenGradient, ref gateGradient, ref hiddenGateGradient);
        else GruBackwardScalar<TShape>(ref gates, ref hiddenGates, ref previousHidden, ref hiddenGradient, ref gateGradient, ref hiddenGateGradient);
    }

    /// <summary>The Vector512 path of <see cref="GruBackward{TShape}"/>.</summary>
    public static void GruBackwardVector512<TShape>(ref float gates, ref float hiddenGates, ref float previousHidden, ref float hiddenGradient, ref float gateGradient, ref float hiddenGateGradient)
        where TShape : struct, IRecurrentShape
    {
        nint j = GruBackwardLanes<TShape, Lanes512, Vector512<float>>(ref gates, ref hiddenGates, ref previousHidden, ref hiddenGradient, ref gateGradient, ref hiddenGateGradient, 0);
        j = GruBackwardLanes<TShape, Lanes256, Vector256<float>>(ref gates, ref hiddenGates, ref previousHidden, ref hiddenGradient, ref gateGradient, ref hiddenGateGradient, j);
        GruBackwardLanes<TShape, Lanes1, float>(ref gates, ref hiddenGates, ref previousHidden, ref hiddenGradient, ref gateGradient, ref hiddenGateGradient, j);
    }

    /// <summary>The Vector256 path of <see cref="GruBackward{TShape}"/>.</summary>
    public static void GruBackwardVector256<TShape>(ref float gates, ref float hiddenGates, ref float previousHidden, ref float hiddenGradient, ref float gateGradient, ref float hiddenGateGradient)
        where TShape : struct, IRecurrentShape
    {
        nint j = GruBackwardLanes<TShape, Lanes256, Vector256<float>>(ref gates, ref hiddenGates, ref previousHidden, ref hiddenGradient, ref gateGradient, ref hiddenGateGradient, 0);
        GruBackwardLanes<TShape, Lanes1, float>(ref gates, ref hiddenGates, ref previousHidden, ref hiddenGradient, ref gateGradient, ref hiddenGateGradient, j);
    }

    /// <summary>The Vector128 path of <see cref="GruBackward{TShape}"/>.</summary>
    public static void GruBackwardVector128<TShape>(ref float gates, ref float hiddenGates, ref float previousHidden, ref float hiddenGradient, ref float gateGradient, ref float hiddenGateGradient)
        where TShape : struct, IRecurrentShape
    {
        nint j = GruBackwardLanes<TShape, Lanes128, Vector128<float>>(ref gates, ref hiddenGates, ref previousHidden, ref hiddenGradient, ref gateGradient, ref hiddenGateGradient, 0);
        GruBackwardLanes<TShape, Lanes1, float>(ref gates, ref hiddenGates, ref previousHidden, ref hiddenGradient, ref gateGradient, ref hiddenGateGradient, j);
    }

    /// <summary>The scalar path of <see cref="GruBackward{TShape}"/>.</summary>
    public static void GruBackwardScalar<TShape>(ref float gates, ref float hiddenGates, ref float previousHidden, ref float hiddenGradient, ref float gateGradient, ref float hiddenGateGradient)
        where TShape : struct, IRecurrentShape =>
        GruBackwardLanes<TShape, Lanes1, float>(ref gates, ref hiddenGates, ref previousHidden, ref hiddenGradient, ref gateGradient, ref hiddenGateGradient, 0);

    /// <summary>
    /// SimpleRnn gate gradient from the kept state <paramref name="hidden"/> = tanh(z) and dL/dh in
    /// <paramref name="hiddenGradient"/>: dz = dh·(1 − h²).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static void SimpleRnnBackward<TShape>(ref float hidden, ref float hiddenGradient, ref float gateGradient)
        where TShape : struct, IRecurrentShape
    {
        if (Vector512.IsHardwareAccelerated) SimpleRnnBackwardVector512<TShape>(ref hidden, ref hiddenGradient, ref gateGradient);
        else if (Vector256.IsHardwareAccelerated) SimpleRnnBackwardVector256<TShape>(ref hidden, ref hiddenGradient, ref gateGradient);
        else if (Vector128.IsHardwareAccelerated) SimpleRnnBackwardVector128<TShape>(ref hidden, ref hiddenGradient, ref gateGradient);
        else SimpleRnnBackwardScalar<TShape>(ref hidden, ref hiddenGradient, ref gateGradient);
    }

    /// <summary>The Vector512 path of <see cref="SimpleRnnBackward{TShape}"/>.</summary>
    public static void SimpleRnnBackwardVector512<TShape>(ref float hidden, ref float hiddenGradient, ref float gateGradient)
        where TShape : struct, IRecurrentShape
    {
        nint j = SimpleRnnBackwardLanes<TShape, Lanes512, Vector512<float>>(ref hidden, ref hiddenGradient, ref gateGradient, 0);
        j = SimpleRnnBackwardLanes<TShape, Lanes256, Vector256<float>>(ref hidden, ref hiddenGradient, ref gateGradient, j);
        SimpleRnnBackwardLanes<TShape, Lanes1, float>(ref hidden, ref hiddenGradient, ref gateGradient, j);
    }

    /// <summary>The Vector256 path of <see cref="SimpleRnnBackward{TShape}"/>.</summary>
    public static void SimpleRnnBackwardVector256<TShape>(ref float hidden, ref float hiddenGradient, ref float gateGradient)
        where TShape : struct, IRecurrentShape
    {
        nint j = SimpleRnnBackwardLanes<TShape, Lanes256, Vector256<float>>(ref hidden, ref hiddenGradient, ref gateGradient, 0);
        SimpleRnnBackwardLanes<TShape, Lanes1, float>(ref hidden, ref hiddenGradient, ref gateGradient, j);
    }

    /// <summary>The Vector128 path of <see cref="SimpleRnnBackward{TShape}"/>.</summary>
    public static void SimpleRnnBackwardVector128<TShape>(ref float hidden, ref float hiddenGradient, ref float gateGradient)
        where TShape : struct, IRecurrentShape
    {
        nint j = SimpleRnnBackwardLanes<TShape, Lanes128, Vector128<float>>(ref hidden, ref hiddenGradient, ref gateGradient, 0);
        SimpleRnnBackwardLanes<TShape, Lanes1, float>(ref hidden, ref hiddenGradient, ref gateGradient, j);
    }

    /// <summary>The scalar path of <see cref="SimpleRnnBackward{TShape}"/>.</summary>
    public static void SimpleRnnBackwardScalar<TShape>(ref float hidden, ref float hiddenGradient, ref float gateGradient)
        where TShape : struct, IRecurrentShape =>
        SimpleRnnBackwardLanes<TShape, Lanes1, float>(ref hidden, ref hiddenGradient, ref gateGradient, 0);

    /// <summary>Whole vectors of <typeparamref name="TLanes"/> from unit <paramref name="j"/> on; returns the first unit left over.</summary>
    /// <remarks>A method of its own per width, so the wide loop's σ and tanh constants stay in registers.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static nint LstmForwardLanes<TShape, TLanes, TVector>(ref float gates, ref float previousCell, ref float cell, ref float cellTanh, ref float hidden, nint j)
        where TShape : struct, IRecurrentShape
        where TLanes : struct, IActivationLanes<TVector>
        where TVector : struct
    {
        nint units = TShape.Units;
        for (; j + TLanes.Count <= units; j += TLanes.Count)
        {
            TVector inputGate = TLanes.Sigmoid(TLanes.Load(ref gates, j));
            TVector forgetGate = TLanes.Sigmoid(TLanes.Load(ref gates, j + units));
            TVector outputGate = TLanes.Sigmoid(TLanes.Load(ref gates, j + 2 * units));
            TVector candidate = TLanes.Tanh(TLanes.Load(ref gates, j + 3 * units));
            TVector c = TLanes.Add(TLanes.Multiply(forgetGate, TLanes.Load(ref previousCell, j)), TLanes.Multiply(inputGate, candidate));
            TVector tanhCell = TLanes.Tanh(c);
            TLanes.Store(inputGate, ref gates, j);
            TLanes.Store(forgetGate, ref gates, j + units);
            TLanes.Store(outputGate, ref gates, j + 2 * units);
            TLanes.Store(candidate, ref gates, j + 3 * units);
            TLanes.Store(c, ref cell, j);
            TLanes.Store(tanhCell, ref cellTanh, j);
            TLanes.Store(TLanes.Multiply(outputGate, tanhCell), ref hidden, j);
        }
        return j;
    }

    /// <inheritdoc cref="LstmForwardLanes{TShape, TLanes, TVector}"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static nint LstmBackwardLanes<TShape, TLanes, TVector>(ref float gates, ref float cellTanh, ref float previousCell, ref float hiddenGradient, ref float gateGradient, ref float cellGradient, nint j)
        where TShape : struct, IRecurrentShape
        where TLanes : struct, IActivationLanes<TVector>
        where TVector : struct
    {
        nint units = TShape.Units;
        for (; j + TLanes.Count <= units; j += TLanes.Count)
        {
            TVector inputGate = TLanes.Load(ref gates, j);
            TVector forgetGate = TLanes.Load(ref gates, j + units);
            TVector outputGate = TLanes.Load(ref gates, j + 2 * units);
            TVector candidate = TLanes.Load(ref gates, j + 3 * units);
            TVector tanhCell = TLanes.Load(ref cellTanh, j);
            TVector dHidden = TLanes.Load(ref hiddenGradient, j);
            TVector dCell = TLanes.Add(TLanes.Load(ref cellGradient, j), Product<TLanes, TVector>(dHidden, outputGate, OneMinusSquare<TLanes, TVector>(tanhCell)));
            TLanes.Store(Product<TLanes, TVector>(dCell, candidate, inputGate, TLanes.Subtract(TLanes.One, inputGate)), ref gateGradient, j);
            TLanes.Store(Product<TLanes, TVector>(dCell, TLanes.Load(ref previousCell, j), forgetGate, TLanes.Subtract(TLanes.One, forgetGate)), ref gateGradient, j + units);
            TLanes.Store(Product<TLanes, TVector>(dHidden, tanhCell, outputGate, TLanes.Subtract(TLanes.One, outputGate)), ref gateGradient, j + 2 * units);
            TLanes.Store(Product<TLanes, TVector>(dCell, inputGate, OneMinusSquare<TLanes, TVector>(candidate)), ref gateGradient, j + 3 * units);
            TLanes.Store(TLanes.Multiply(dCell, forgetGate), ref cellGradient, j);
        }
        return j;
    }

    /// <inheritdoc cref="LstmForwardLanes{TShape, TLanes, TVector}"/>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static nint GruForwardLanes<TShape, TLanes, TVector>(ref float gates, ref float hiddenGates, ref float previousHidden, ref float hidden, nint j)
        where TShape : struct, IRecurrentShape
        where TLanes : struct, IActivationLanes<TVector>
        where TVector : struct
    {
        nint units = TShape.Units;
        for (; j + TLanes.Count <= units; j += TLanes.Count)
        {
            TVector reset = TLanes.Sigmoid(TLanes.Add(TLanes.Load(ref gates, j), TLanes.Load(ref hiddenGates, j)));
            TVector update = TLanes.Sigmoid(TLanes.Add(TLanes.Load(ref gates, j + units), TLanes.Load(ref hiddenGates, j + units)));
            TVector candidate = TLanes.Tanh(TLanes.Add(TLanes.Load(ref gates, j + 2 * units), TLanes.Multiply(reset, TLanes.Load(ref hiddenGates, j + 2 * units))));
            TVector h = TLanes.Add(TLanes.Multiply(TLanes.Subtract(TLanes.One, update), candidate), TLanes.Multiply(update, TLanes.Load(ref previousHidden, j)));
            TLanes.Store(reset, ref gates, j);
            TLanes.Store(update, ref gates, j + units);
            TLanes.Store(candidate, ref gates, j + 2 * units);
            TLanes.Store(h, ref hidden, j);
        }
        return j;
    }

    /// <inheritdoc cref="LstmForwardLanes{TShape, TLanes, TVector}"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static nint GruBackwardLanes<TShape, TLanes, TVector>(ref float gates, ref float hiddenGates, ref float previousHidden, ref float hiddenGradient, ref float gateGradient, ref float hiddenGateGradient, nint j)
        where TShape : struct, IRecurrentShape
        where TLanes : struct, IActivationLanes<TVector>
        where TVector : struct
    {
        nint units = TShape.Units;
        for (; j + TLanes.Count <= units; j += TLanes.Count)
        {
            TVector reset = TLanes.Load(ref gates, j);
            TVector update = TLanes.Load(ref gates, j + units);
            TVector candidate = TLanes.Load(ref gates, j + 2 * units);
            TVector dHidden = TLanes.Load(ref hiddenGradient, j);
            TVector dCandidate = Product<TLanes, TVector>(dHidden, TLanes.Subtract(TLanes.One, update), OneMinusSquare<TLanes, TVector>(candidate));
            TVector dUpdate = Product<TLanes, TVector>(dHidden, TLanes.Subtract(TLanes.Load(ref previousHidden, j), candidate), update, TLanes.Subtract(TLanes.One, update));
            TVector dReset = Product<TLanes, TVector>(dCandidate, TLanes.Load(ref hiddenGates, j + 2 * units), reset, TLanes.Subtract(TLanes.One, reset));
            TLanes.Store(dReset, ref gateGradient, j);
            TLanes.Store(dUpdate, ref gateGradient, j + units);
            TLanes.Store(dCandidate, ref gateGradient, j + 2 * units);
            TLanes.Store(dReset, ref hiddenGateGradient, j);
            TLanes.Store(dUpdate, ref hiddenGateGradient, j + units);
            TLanes.Store(TLanes.Multiply(dCandidate, reset), ref hiddenGateGradient, j + 2 * units);
            TLanes.Store(TLanes.Multiply(dHidden, update), ref hiddenGradient, j);
        }
        return j;
    }

    /// <inheritdoc cref="LstmForwardLanes{TShape, TLanes, TVector}"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static nint SimpleRnnBackwardLanes<TShape, TLanes, TVector>(ref float hidden, ref float hiddenGradient, ref float gateGradient, nint j)
        where TShape : struct, IRecurrentShape
        where TLanes : struct, IActivationLanes<TVector>
        where TVector : struct
    {
        for (; j + TLanes.Count <= TShape.Units; j += TLanes.Count)
        {
            TVector state = TLanes.Load(ref hidden, j);
            TLanes.Store(TLanes.Multiply(TLanes.Load(ref hiddenGradient, j), OneMinusSquare<TLanes, TVector>(state)), ref gateGradient, j);
        }
        return j;
    }

    /// <summary>1 − x².</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static TVector OneMinusSquare<TLanes, TVector>(TVector x)
        where TLanes : struct, IActivationLanes<TVector>
        where TVector : struct => TLanes.Subtract(TLanes.One, TLanes.Multiply(x, x));

    /// <summary>a·b·c, multiplied left to right.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static TVector Product<TLanes, TVector>(TVector a, TVector b, TVector c)
        where TLanes : struct, IActivationLanes<TVector>
        where TVector : struct => TLanes.Multiply(TLanes.Multiply(a, b), c);

    /// <summary>a·b·c·d, multiplied left to right.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static TVector Product<TLanes, TVector>(TVector a, TVector b, TVector c, TVector d)
        where TLanes : struct, IActivationLanes<TVector>
        where TVector : struct => TLanes.Multiply(TLanes.Multiply(TLanes.Multiply(a, b), c), d);
}
