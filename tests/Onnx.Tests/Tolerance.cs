using System;
using System.Linq;
using Xunit;

namespace DslNet.Onnx.Tests;

/// <summary>The comparison of the ONNX issue: |a − e| ≤ 1e-4·|e| + 1e-5·max(1, max|e|), element by element.</summary>
internal static class Tolerance
{
    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        float largest = 0;
        foreach (float e in expected) largest = Math.Max(largest, Math.Abs(e));
        double floor = 1e-5 * Math.Max(1, largest);
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            if (!(Math.Abs(a - e) <= 1e-4 * Math.Abs(e) + floor))
            {
                Assert.Fail($"{what}: element {i} of {expected.Length} is {a} in ONNX Runtime, {e} in DslNet (difference {Math.Abs(a - e):G3}, allowed {1e-4 * Math.Abs(e) + floor:G3}).");
            }
        }
    }
}
