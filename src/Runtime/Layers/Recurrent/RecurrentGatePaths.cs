using System.Runtime.CompilerServices;

namespace DslNet.CompilerServices;

/// <summary>
/// <see cref="RecurrentGates"/>' passes on the vector path of an <see cref="IKernelPath"/>: the forced paths take that
/// path's entry point, <see cref="WidestPath"/> the dispatching one. The type tests are constants to the JIT, so each
/// instantiation keeps one call.
/// </summary>
internal static class RecurrentGatePaths
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LstmForward<TShape, TPath>(ref float gates, ref float previousCell, ref float cell, ref float cellTanh, ref float hidden)
        where TShape : struct, IRecurrentShape
        where TPath : struct, IKernelPath
    {
        if (typeof(TPath) == typeof(Vector512Path)) RecurrentGates.LstmForwardVector512<TShape>(ref gates, ref previousCell, ref cell, ref cellTanh, ref hidden);
        else if (typeof(TPath) == typeof(Vector256Path)) RecurrentGates.LstmForwardVector256<TShape>(ref gates, ref previousCell, ref cell, ref cellTanh, ref hidden);
        else if (typeof(TPath) == typeof(Vector128Path)) RecurrentGates.LstmForwardVector128<TShape>(ref gates, ref previousCell, ref cell, ref cellTanh, ref hidden);
        else if (typeof(TPath) == typeof(ScalarPath)) RecurrentGates.LstmForwardScalar<TShape>(ref gates, ref previousCell, ref cell, ref cellTanh, ref hidden);
        else RecurrentGates.LstmForward<TShape>(ref gates, ref previousCell, ref cell, ref cellTanh, ref hidden);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LstmBackward<TShape, TPath>(ref float gates, ref float cellTanh, ref float previousCell, ref float hiddenGradient, ref float gateGradient, ref float cellGradient)
        where TShape : struct, IRecurrentShape
        where TPath : struct, IKernelPath
    {
        if (typeof(TPath) == typeof(Vector512Path)) RecurrentGates.LstmBackwardVector512<TShape>(ref gates, ref cellTanh, ref previousCell, ref hiddenGradient, ref gateGradient, ref cellGradient);
        else if (typeof(TPath) == typeof(Vector256Path)) RecurrentGates.LstmBackwardVector256<TShape>(ref gates, ref cellTanh, ref previousCell, ref hiddenGradient, ref gateGradient, ref cellGradient);
        else if (typeof(TPath) == typeof(Vector128Path)) RecurrentGates.LstmBackwardVector128<TShape>(ref gates, ref cellTanh, ref previousCell, ref hiddenGradient, ref gateGradient, ref cellGradient);
        else if (typeof(TPath) == typeof(ScalarPath)) RecurrentGates.LstmBackwardScalar<TShape>(ref gates, ref cellTanh, ref previousCell, ref hiddenGradient, ref gateGradient, ref cellGradient);
        else RecurrentGates.LstmBackward<TShape>(ref gates, ref cellTanh, ref previousCell, ref hiddenGradient, ref gateGradient, ref cellGradient);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void GruForward<TShape, TPath>(ref float gates, ref float hiddenGates, ref float previousHidden, ref float hidden)
        where TShape : struct, IRecurrentShape
        where TPath : struct, IKernelPath
    {
        if (typeof(TPath) == typeof(Vector512Path)) RecurrentGates.GruForwardVector512<TShape>(ref gates, ref hiddenGates, ref previousHidden, ref hidden);
        else if (typeof(TPath) == typeof(Vector256Path)) RecurrentGates.GruForwardVector256<TShape>(ref gates, ref hiddenGates, ref previousHidden, ref hidden);
        else if (typeof(TPath) == typeof(Vector128Path)) RecurrentGates.GruForwardVector128<TShape>(ref gates, ref hiddenGates, ref previousHidden, ref hidden);
        else if (typeof(TPath) == typeof(ScalarPath)) RecurrentGates.GruForwardScalar<TShape>(ref gates, ref hiddenGates, ref previousHidden, ref hidden);
        else RecurrentGates.GruForward<TShape>(ref gates, ref hiddenGates, ref previousHidden, ref hidden);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void GruBackward<TShape, TPath>(ref float gates, ref float hiddenGates, ref float previousHidden, ref float hiddenGradient, ref float gateGradient, ref float hiddenGateGradient)
        where TShape : struct, IRecurrentShape
        where TPath : struct, IKernelPath
    {
        if (typeof(TPath) == typeof(Vector512Path)) RecurrentGates.GruBackwardVector512<TShape>(ref gates, ref hiddenGates, ref previousHidden, ref hiddenGradient, ref gateGradient, ref hiddenGateGradient);
        else if (typeof(TPath) == typeof(Vector256Path)) RecurrentGates.GruBackwardVector256<TShape>(ref gates, ref hiddenGates, ref previousHidden, ref hiddenGradient, ref gateGradient, ref hiddenGateGradient);
        else if (typeof(TPath) == typeof(Vector128Path)) RecurrentGates.GruBackwardVector128<TShape>(ref gates, ref hiddenGates, ref previousHidden, ref hiddenGradient, ref gateGradient, ref hiddenGateGradient);
        else if (typeof(TPath) == typeof(ScalarPath)) RecurrentGates.GruBackwardScalar<TShape>(ref gates, ref hiddenGates, ref previousHidden, ref hiddenGradient, ref gateGradient, ref hiddenGateGradient);
        else RecurrentGates.GruBackward<TShape>(ref gates, ref hiddenGates, ref previousHidden, ref hiddenGradient, ref gateGradient, ref hiddenGateGradient);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SimpleRnnBackward<TShape, TPath>(ref float hidden, ref float hiddenGradient, ref float gateGradient)
        where TShape : struct, IRecurrentShape
        where TPath : struct, IKernelPath
    {
        if (typeof(TPath) == typeof(Vector512Path)) RecurrentGates.SimpleRnnBackwardVector512<TShape>(ref hidden, ref hiddenGradient, ref gateGradient);
        else if (typeof(TPath) == typeof(Vector256Path)) RecurrentGates.SimpleRnnBackwardVector256<TShape>(ref hidden, ref hiddenGradient, ref gateGradient);
        else if (typeof(TPath) == typeof(Vector128Path)) RecurrentGates.SimpleRnnBackwardVector128<TShape>(ref hidden, ref hiddenGradient, ref gateGradient);
        else if (typeof(TPath) == typeof(ScalarPath)) RecurrentGates.SimpleRnnBackwardScalar<TShape>(ref hidden, ref hiddenGradient, ref gateGradient);
        else RecurrentGates.SimpleRnnBackward<TShape>(ref hidden, ref hiddenGradient, ref gateGradient);
    }
}
