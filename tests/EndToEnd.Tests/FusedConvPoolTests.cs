using System;
using Xunit;

namespace DslNet.EndToEnd.Tests;

/// <summary>
/// Inference runs a convolution and the 2×2 max pooling after it as one pass (PooledConv2DEmitter in the generator),
/// which makes the same sums in the same order and the same comparisons as the two layers apart.
/// </summary>
public sealed class FusedConvPoolTests
{
    [Fact]
    public void Fused_inference_equals_the_separate_layers_bit_for_bit()
    {
        INetwork fused = new FusedConvPool(seed: 5), separate = new SeparateConvPool(seed: 6);
        // Random biases too (they start at zero), so that where the bias enters a sum shows in its rounding.
        GeneratedNetworkTests.RandomVector(fused.Parameters.Length, seed: 7).CopyTo(fused.Parameters);
        fused.Parameters.CopyTo(separate.Parameters);
        foreach (int batch in new[] { 1, 2, 5 })
        {
            var input = GeneratedNetworkTests.RandomVector(batch * fused.InputSize, seed: 50 + batch);
            float[] expected = new float[batch * fused.OutputSize], actual = new float[batch * fused.OutputSize];
            separate.Forward(input, expected, batch);
            fused.Forward(input, actual, batch);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                    $"batch {batch}, output {i}: separate layers {expected[i]:R}, fused {actual[i]:R}");
            }
            Assert.Contains(actual, v => v > 0);
            Assert.Contains(actual, v => v == 0);
        }
    }
}
