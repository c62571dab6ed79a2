using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DslNet.CompilerServices;

/// <summary>Vector512: 16 floats.</summary>
internal readonly struct Lanes512 : IActivationLanes<Vector512<float>>
{
    public static int Count => 16;
    public static Vector512<float> Zero => Vector512<float>.Zero;
    public static Vector512<float> Load(ref float source, nint offset) => Vector512.LoadUnsafe(ref Unsafe.Add(ref source, offset));
    public static void Store(Vector512<float> value, ref float destination, nint offset) => value.StoreUnsafe(ref Unsafe.Add(ref destination, offset));
    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);
    public static Vector512<float> MultiplyAdd(Vector512<float> left, Vector512<float> right, Vector512<float> addend) => Vector512.FusedMultiplyAdd(left, right, addend);
    public static Vector512<float> ReLU(Vector512<float> value) => Vector512.Max(value, Vector512<float>.Zero);
    public static float Sum(Vector512<float> value) => Vector512.Sum(value);
    public static Vector512<float> One => Vector512<float>.One;
    public static Vector512<float> Add(Vector512<float> left, Vector512<float> right) => left + right;
    public static Vector512<float> Subtract(Vector512<float> left, Vector512<float> right) => left - right;
    public static Vector512<float> Multiply(Vector512<float> left, Vector512<float> right) => left * right;
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)] public static Vector512<float> Sigmoid(Vector512<float> value) => VectorActivation.Sigmoid(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)] public static Vector512<float> Tanh(Vector512<float> value) => VectorActivation.Tanh(value);
}

/// <summary>Vector256: 8 floats.</summary>
internal readonly struct Lanes256 : IActivationLanes<Vector256<float>>, IPoolingLanes<Vector256<float>>
{
    public static int Count => 8;
    public static Vector256<float> Zero => Vector256<float>.Zero;
    public static Vector256<float> Load(ref float source, nint offset) => Vector256.LoadUnsafe(ref Unsafe.Add(ref source, offset));
    public static void Store(Vector256<float> value, ref float destination, nint offset) => value.StoreUnsafe(ref Unsafe.Add(ref destination, offset));
    public static Vector256<float> Broadcast(float value) => Vector256.Create(value);
    public static Vector256<float> MultiplyAdd(Vector256<float> left, Vector256<float> right, Vector256<float> addend) => Vector256.FusedMultiplyAdd(left, right, addend);
    public static Vector256<float> ReLU(Vector256<float> value) => Vector256.Max(value, Vector256<float>.Zero);
    public static float Sum(Vector256<float> value) => Vector256.Sum(value);
    public static Vector256<float> One => Vector256<float>.One;
    public static Vector256<float> Add(Vector256<float> left, Vector256<float> right) => left + right;
    public static Vector256<float> Subtract(Vector256<float> left, Vector256<float> right) => left - right;
    public static Vector256<float> Multiply(Vector256<float> left, Vector256<float> right) => left * right;
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)] public static Vector256<float> Sigmoid(Vector256<float> value) => VectorActivation.Sigmoid(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)] public static Vector256<float> Tanh(Vector256<float> value) => VectorActivation.Tanh(value);
    public static Vector256<float> Greater(Vector256<float> candidate, Vector256<float> current) => Vector256.ConditionalSelect(Vector256.GreaterThan(candidate, current), candidate, current);
    public static float Element(Vector256<float> value, int lane) => value.GetElement(lane);
}

/// <summary>
/// Vector128: 4 floats, the width ARM64 (NEON) accelerates. The multiply-add is fused where the hardware has it
/// (ARM64, x64 with FMA) and a multiply then an add elsewhere, instead of a fused one emulated in software.
/// </summary>
internal readonly struct Lanes128 : IActivationLanes<Vector128<float>>, IPoolingLanes<Vector128<float>>
{
    public static int Count => 4;
    public static Vector128<float> Zero => Vector128<float>.Zero;
    public static Vector128<float> Load(ref float source, nint offset) => Vector128.LoadUnsafe(ref Unsafe.Add(ref source, offset));
    public static void Store(Vector128<float> value, ref float destination, nint offset) => value.StoreUnsafe(ref Unsafe.Add(ref destination, offset));
    public static Vector128<float> Broadcast(float value) => Vector128.Create(value);
    public static Vector128<float> MultiplyAdd(Vector128<float> left, Vector128<float> right, Vector128<float> addend) => Vector128.MultiplyAddEstimate(left, right, addend);
    public static Vector128<float> ReLU(Vector128<float> value) => Vector128.Max(value, Vector128<float>.Zero);
    public static float Sum(Vector128<float> value) => Vector128.Sum(value);
    public static Vector128<float> One => Vector128<float>.One;
    public static Vector128<float> Add(Vector128<float> left, Vector128<float> right) => left + right;
    public static Vector128<float> Subtract(Vector128<float> left, Vector128<float> right) => left - right;
    public static Vector128<float> Multiply(Vector128<float> left, Vector128<float> right) => left * right;
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)] public static Vector128<float> Sigmoid(Vector128<float> value) => VectorActivation.Sigmoid(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)] public static Vector128<float> Tanh(Vector128<float> value) => VectorActivation.Tanh(value);
    public static Vector128<float> Greater(Vector128<float> candidate, Vector128<float> current) => Vector128.ConditionalSelect(Vector128.GreaterThan(candidate, current), candidate, current);
    public static float Element(Vector128<float> value, int lane) => value.GetElement(lane);
}

/// <summary>One float: the column tail narrower than any vector.</summary>
internal readonly struct Lanes1 : IActivationLanes<float>
{
    public static int Count => 1;
    public static float Zero => 0f;
    public static float Load(ref float source, nint offset) => Unsafe.Add(ref source, offset);
    public static void Store(float value, ref float destination, nint offset) => Unsafe.Add(ref destination, offset) = value;
    public static float Broadcast(float value) => value;
    public static float MultiplyAdd(float left, float right, float addend) => addend + left * right;
    public static float ReLU(float value) => System.MathF.Max(value, 0f);
    public static float Sum(float value) => value;
    public static float One => 1f;
    public static float Add(float left, float right) => left + right;
    public static float Subtract(float left, float right) => left - right;
    public static float Multiply(float left, float right) => left * right;
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)] public static float Sigmoid(float value) => VectorActivation.Sigmoid(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)] public static float Tanh(float value) => VectorActivation.Tanh(value);
}
