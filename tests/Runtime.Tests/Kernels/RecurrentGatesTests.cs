using System;
using System.Collections.Generic;
using DslNet.CompilerServices;
using Xunit;

namespace DslNet.Runtime.Tests.Kernels;

/// <summary>
/// <see cref="RecurrentGates"/> (LSTM, SimpleRnn and GRU) against a double-precision reference, on every vector path forced (Vector512 runs in
/// software where AVX-512 is missing), for unit counts 0 … 20 and a few wider ones: every vector tail of every path.
/// The floats past a row's units keep their sentinel.
/// </summary>
public sealed class RecurrentGatesTests
{
    private const float Sentinel = -7f;
    private const int Padding = 5;

    public static IEnumerable<object[]> Paths() => [["Vector512"], ["Vector256"], ["Vector128"], ["Scalar"], ["Dispatch"]];

    [Theory]
    [MemberData(nameof(Paths))]
    public void Every_width_matches_the_reference(string path)
    {
        Check<Units0>(path);
        Check<Units1>(path);
        Check<Units2>(path);
        Check<Units3>(path);
        Check<Units4>(path);
        Check<Units5>(path);
        Check<Units6>(path);
        Check<Units7>(path);
        Check<Units8>(path);
        Check<Units9>(path);
        Check<Units10>(path);
        Check<Units11>(path);
        Check<Units12>(path);
        Check<Units13>(path);
        Check<Units14>(path);
        Check<Units15>(path);
        Check<Units16>(path);
        Check<Units17>(path);
        Check<Units18>(path);
        Check<Units19>(path);
        Check<Units20>(path);
        Check<Units23>(path);
        Check<Units31>(path);
        Check<Units33>(path);
        Check<Units47>(path);
        Check<Units64>(path);
        Check<Units100>(path);
    }

    private static void Check<TShape>(string path)
        where TShape : struct, IRecurrentShape
    {
        LstmForward<TShape>(path);
        LstmBackward<TShape>(path);
        SimpleRnnBackward<TShape>(path);
        GruForward<TShape>(path);
        GruBackward<TShape>(path);
    }

    private static void LstmForward<TShape>(string path)
        where TShape : struct, IRecurrentShape
    {
        int u = TShape.Units;
        float[] gates = Padded(4 * u, seed: u), previousCell = Padded(u, seed: u + 1);
        float[] cell = Padded(u, null), cellTanh = Padded(u, null), hidden = Padded(u, null);
        float[] z = (float[])gates.Clone();
        switch (path)
        {
            case "Vector512": RecurrentGates.LstmForwardVector512<TShape>(ref gates[0], ref previousCell[0], ref cell[0], ref cellTanh[0], ref hidden[0]); break;
            case "Vector256": RecurrentGates.LstmForwardVector256<TShape>(ref gates[0], ref previousCell[0], ref cell[0], ref cellTanh[0], ref hidden[0]); break;
            case "Vector128": RecurrentGates.LstmForwardVector128<TShape>(ref gates[0], ref previousCell[0], ref cell[0], ref cellTanh[0], ref hidden[0]); break;
            case "Scalar": RecurrentGates.LstmForwardScalar<TShape>(ref gates[0], ref previousCell[0], ref cell[0], ref cellTanh[0], ref hidden[0]); break;
            default: RecurrentGates.LstmForward<TShape>(ref gates[0], ref previousCell[0], ref cell[0], ref cellTanh[0], ref hidden[0]); break;
        }
        string what = $"LSTM forward, {u} units, {path}";
        for (int j = 0; j < u; j++)
        {
            double i = Sigmoid(z[j]), f = Sigmoid(z[j + u]), o = Sigmoid(z[j + 2 * u]), g = Math.Tanh(z[j + 3 * u]);
            double c = f * previousCell[j] + i * g;
            Near(i, gates[j], $"{what}: i[{j}]");
            Near(f, gates[j + u], $"{what}: f[{j}]");
            Near(o, gates[j + 2 * u], $"{what}: o[{j}]");
            Near(g, gates[j + 3 * u], $"{what}: g[{j}]");
            Near(c, cell[j], $"{what}: c[{j}]");
            Near(Math.Tanh(c), cellTanh[j], $"{what}: tanh c[{j}]");
            Near(o * Math.Tanh(c), hidden[j], $"{what}: h[{j}]");
        }
        Untouched(gates, 4 * u, what);
        Untouched(cell, u, what);
        Untouched(cellTanh, u, what);
        Untouched(hidden, u, what);
    }

    private static void LstmBackward<TShape>(string path)
        where TShape : struct, IRecurrentShape
    {
        int u = TShape.Units;
        // Kept gates as the forward leaves them: [i f o] in (0, 1), g and tanh c in (−1, 1).
        float[] gates = Padded(4 * u, seed: 10 + u), cellTanh = Padded(u, seed: 11 + u), previousCell = Padded(u, seed: 12 + u);
        for (int j = 0; j < 3 * u; j++) gates[j] = 0.5f + 0.5f * gates[j];
        float[] hiddenGradient = Padded(u, seed: 13 + u), cellGradient = Padded(u, seed: 14 + u), gateGradient = Padded(4 * u, null);
        float[] carried = (float[])cellGradient.Clone();
        switch (path)
        {
            case "Vector512": RecurrentGates.LstmBackwardVector512<TShape>(ref gates[0], ref cellTanh[0], ref previousCell[0], ref hiddenGradient[0], ref gateGradient[0], ref cellGradient[0]); break;
            case "Vector256": RecurrentGates.LstmBackwardVector256<TShape>(ref gates[0], ref cellTanh[0], ref previousCell[0], ref hiddenGradient[0], ref gateGradient[0], ref cellGradient[0]); break;
            case "Vector128": RecurrentGates.LstmBackwardVector128<TShape>(ref gates[0], ref cellTanh[0], ref previousCell[0], ref hiddenGradient[0], ref gateGradient[0], ref cellGradient[0]); break;
            case "Scalar": RecurrentGates.LstmBackwardScalar<TShape>(ref gates[0], ref cellTanh[0], ref previousCell[0], ref hiddenGradient[0], ref gateGradient[0], ref cellGradient[0]); break;
            default: RecurrentGates.LstmBackward<TShape>(ref gates[0], ref cellTanh[0], ref previousCell[0], ref hiddenGradient[0], ref gateGradient[0], ref cellGradient[0]); break;
        }
        string what = $"LSTM backward, {u} units, {path}";
        for (int j = 0; j < u; j++)
        {
            double i = gates[j], f = gates[j + u], o = gates[j + 2 * u], g = gates[j + 3 * u], t = cellTanh[j], dh = hiddenGradient[j];
            double dc = carried[j] + dh * o * (1 - t * t);
            Near(dc * g * i * (1 - i), gateGradient[j], $"{what}: di[{j}]");
            Near(dc * previousCell[j] * f * (1 - f), gateGradient[j + u], $"{what}: df[{j}]");
            Near(dh * t * o * (1 - o), gateGradient[j + 2 * u], $"{what}: do[{j}]");
            Near(dc * i * (1 - g * g), gateGradient[j + 3 * u], $"{what}: dg[{j}]");
            Near(dc * f, cellGradient[j], $"{what}: dc[{j}]");
        }
        Untouched(gateGradient, 4 * u, what);
        Untouched(cellGradient, u, what, carried);
    }

    private static void SimpleRnnBackward<TShape>(string path)
        where TShape : struct, IRecurrentShape
    {
        int u = TShape.Units;
        float[] hidden = Padded(u, seed: 20 + u), hiddenGradient = Padded(u, seed: 21 + u), gateGradient = Padded(u, null);
        switch (path)
        {
            case "Vector512": RecurrentGates.SimpleRnnBackwardVector512<TShape>(ref hidden[0], ref hiddenGradient[0], ref gateGradient[0]); break;
            case "Vector256": RecurrentGates.SimpleRnnBackwardVector256<TShape>(ref hidden[0], ref hiddenGradient[0], ref gateGradient[0]); break;
            case "Vector128": RecurrentGates.SimpleRnnBackwardVector128<TShape>(ref hidden[0], ref hiddenGradient[0], ref gateGradient[0]); break;
            case "Scalar": RecurrentGates.SimpleRnnBackwardScalar<TShape>(ref hidden[0], ref hiddenGradient[0], ref gateGradient[0]); break;
            default: RecurrentGates.SimpleRnnBackward<TShape>(ref hidden[0], ref hiddenGradient[0], ref gateGradient[0]); break;
        }
        string what = $"SimpleRnn backward, {u} units, {path}";
        for (int j = 0; j < u; j++)
        {
            Near(hiddenGradient[j] * (1 - (double)hidden[j] * hidden[j]), gateGradient[j], $"{what}: dz[{j}]");
        }
        Untouched(gateGradient, u, what);
    }

    private static void GruForward<TShape>(string path)
        where TShape : struct, IRecurrentShape
    {
        int u = TShape.Units;
        float[] gates = Padded(3 * u, seed: 30 + u), hiddenGates = Padded(3 * u, seed: 31 + u), previousHidden = Padded(u, seed: 32 + u);
        float[] hidden = Padded(u, null);
        float[] x = (float[])gates.Clone(), kept = (float[])hiddenGates.Clone();
        switch (path)
        {
            case "Vector512": RecurrentGates.GruForwardVector512<TShape>(ref gates[0], ref hiddenGates[0], ref previousHidden[0], ref hidden[0]); break;
            case "Vector256": RecurrentGates.GruForwardVector256<TShape>(ref gates[0], ref hiddenGates[0], ref previousHidden[0], ref hidden[0]); break;
            case "Vector128": RecurrentGates.GruForwardVector128<TShape>(ref gates[0], ref hiddenGates[0], ref previousHidden[0], ref hidden[0]); break;
            case "Scalar": RecurrentGates.GruForwardScalar<TShape>(ref gates[0], ref hiddenGates[0], ref previousHidden[0], ref hidden[0]); break;
            default: RecurrentGates.GruForward<TShape>(ref gates[0], ref hiddenGates[0], ref previousHidden[0], ref hidden[0]); break;
        }
        string what = $"GRU forward, {u} units, {path}";
        for (int j = 0; j < u; j++)
        {
            // PyTorch's torch.nn.GRU: the reset gate multiplies h·U_n + b_hn, not h alone.
            double r = Sigmoid((double)x[j] + kept[j]), z = Sigmoid((double)x[j + u] + kept[j + u]);
            double n = Math.Tanh(x[j + 2 * u] + r * kept[j + 2 * u]);
            Near(r, gates[j], $"{what}: r[{j}]");
            Near(z, gates[j + u], $"{what}: z[{j}]");
            Near(n, gates[j + 2 * u], $"{what}: n[{j}]");
            Near((1 - z) * n + z * previousHidden[j], hidden[j], $"{what}: h[{j}]");
        }
        Assert.Equal(kept, hiddenGates);
        Untouched(gates, 3 * u, what);
        Untouched(hidden, u, what);
    }

    private static void GruBackward<TShape>(string path)
        where TShape : struct, IRecurrentShape
    {
        int u = TShape.Units;
        // Kept gates as the forward leaves them: r and z in (0, 1), n in (−1, 1); h_n and h_{t−1} anything.
        float[] gates = Padded(3 * u, seed: 40 + u), hiddenGates = Padded(3 * u, seed: 41 + u), previousHidden = Padded(u, seed: 42 + u);
        for (int j = 0; j < 2 * u; j++) gates[j] = 0.5f + 0.5f * gates[j];
        for (int j = 2 * u; j < 3 * u; j++) gates[j] *= 0.6f;
        float[] hiddenGradient = Padded(u, seed: 43 + u), gateGradient = Padded(3 * u, null), hiddenGateGradient = Padded(3 * u, null);
        float[] dh = (float[])hiddenGradient.Clone();
        switch (path)
        {
            case "Vector512": RecurrentGates.GruBackwardVector512<TShape>(ref gates[0], ref hiddenGates[0], ref previousHidden[0], ref hiddenGradient[0], ref gateGradient[0], ref hiddenGateGradient[0]); break;
            case "Vector256": RecurrentGates.GruBackwardVector256<TShape>(ref gates[0], ref hiddenGates[0], ref previousHidden[0], ref hiddenGradient[0], ref gateGradient[0], ref hiddenGateGradient[0]); break;
            case "Vector128": RecurrentGates.GruBackwardVector128<TShape>(ref gates[0], ref hiddenGates[0], ref previousHidden[0], ref hiddenGradient[0], ref gateGradient[0], ref hiddenGateGradient[0]); break;
            case "Scalar": RecurrentGates.GruBackwardScalar<TShape>(ref gates[0], ref hiddenGates[0], ref previousHidden[0], ref hiddenGradient[0], ref gateGradient[0], ref hiddenGateGradient[0]); break;
            default: RecurrentGates.GruBackward<TShape>(ref gates[0], ref hiddenGates[0], ref previousHidden[0], ref hiddenGradient[0], ref gateGradient[0], ref hiddenGateGradient[0]); break;
        }
        string what = $"GRU backward, {u} units, {path}";
        for (int j = 0; j < u; j++)
        {
            double r = gates[j], z = gates[j + u], n = gates[j + 2 * u], hn = hiddenGates[j + 2 * u], previous = previousHidden[j], d = dh[j];
            double an = d * (1 - z) * (1 - n * n), az = d * (previous - n) * z * (1 - z), ar = an * hn * r * (1 - r);
            Near(ar, gateGradient[j], $"{what}: input-side dr[{j}]");
            Near(az, gateGradient[j + u], $"{what}: input-side dz[{j}]");
            Near(an, gateGradient[j + 2 * u], $"{what}: input-side dn[{j}]");
            Near(ar, hiddenGateGradient[j], $"{what}: recurrent-side dr[{j}]");
            Near(az, hiddenGateGradient[j + u], $"{what}: recurrent-side dz[{j}]");
            Near(an * r, hiddenGateGradient[j + 2 * u], $"{what}: recurrent-side dn[{j}]");
            Near(d * z, hiddenGradient[j], $"{what}: direct dh_prev[{j}]");
        }
        Untouched(gateGradient, 3 * u, what);
        Untouched(hiddenGateGradient, 3 * u, what);
        Untouched(hiddenGradient, u, what, dh);
    }

    /// <summary><paramref name="length"/> floats in (−1.5, 1.5) from <paramref name="seed"/> (or zeros), then <see cref="Padding"/> sentinels.</summary>
    private static float[] Padded(int length, int? seed)
    {
        var values = new float[length + Padding];
        var random = new Random(seed ?? 0);
        for (int i = 0; i < length; i++) values[i] = seed is null ? 0f : (float)(3 * random.NextDouble() - 1.5);
        for (int i = length; i < values.Length; i++) values[i] = Sentinel;
        return values;
    }

    private static void Untouched(float[] values, int length, string what, float[]? before = null)
    {
        for (int i = length; i < values.Length; i++)
        {
            float expected = before?[i] ?? Sentinel;
            Assert.True(values[i] == expected, $"{what}: float {i}, past the row, was overwritten with {values[i]}");
        }
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    // The vector σ and tanh are within a few ulp; the products after them add a few more roundings.
    private static void Near(double expected, float actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 2e-6 * Math.Max(1, Math.Abs(expected)), $"{what} = {actual:R}, expected {expected:R}");
}
