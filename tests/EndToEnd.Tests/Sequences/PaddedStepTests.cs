using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace DslNet.EndToEnd.Tests;

/// <summary>
/// <see cref="ISequenceNetwork"/> promises zero outputs at the steps past a sequence's length. Each layer kind that can
/// follow a sequence input is checked as the network's last layer with random parameters (non-zero biases, gains and
/// positions), in inference and in training, and the gradient a loss gives those steps must change nothing.
/// </summary>
public sealed class PaddedStepTests
{
    private const int TimeSteps = 4;
    private static readonly int[] Lengths = [4, 2, 0, 3];

    /// <summary>A network factory by the kind it ends with; <c>Vocabulary</c> is the number of token ids, 0 for features.</summary>
    public sealed record PaddedCase(string Kind, Func<int, ISequenceNetwork> Create, int Vocabulary)
    {
        public override string ToString() => Kind;
    }

    public static IEnumerable<object[]> Kinds() => new PaddedCase[]
    {
        new("Dense per step", t => new StepDense(t, seed: 1), 0),
        new("LayerNorm", t => new StepNorm(t, seed: 2), 0),
        new("MultiHeadSelfAttention", t => new StepAttention(t, seed: 3), 0),
        new("TransformerBlock", t => new StepTransformerBlock(t, seed: 4), 0),
        new("Embedding", t => new StepEmbedding(t, seed: 5), 5),
        new("PositionalEncoding", t => new PositionCode(t, seed: 6), 0),
        new("PositionalEncoding learned", t => new LearnedPositionCode(t, seed: 7), 0),
        new("Conv2D per frame", t => new StepConv(t, seed: 8), 0),
        new("MaxPool2D per frame", t => new StepMaxPool(t, seed: 9), 0),
        new("AvgPool2D then Flatten", t => new StepAvgPoolFlatten(t, seed: 10), 0),
        new("Dropout", t => new StepDropout(t, seed: 11), 0),
        new("Dense after Lstm", t => new LstmTagger(t, seed: 12), 0),
        new("Dense after Gru", t => new GruTagger(t, seed: 15), 0),
        new("Dense after LayerNorm", t => new NormTagger(t, seed: 13), 0),
        new("Dense after TransformerBlock", t => new LearnedPositionBlockTagger(t, seed: 14), 0),
    }.Select(c => new object[] { c });

    /// <summary>The kinds whose training forward computes what inference does (dropout draws masks), for finite differences.</summary>
    public static IEnumerable<object[]> DeterministicKinds() => Kinds().Where(c => ((PaddedCase)c[0]).Kind != "Dropout");

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Outputs_past_each_length_are_zero(PaddedCase testCase)
    {
        foreach (bool training in new[] { false, true })
        {
            var (network, input) = Randomised(testCase);
            var output = GeneratedNetworkTests.RandomVector(Lengths.Length * network.OutputSize, seed: 3); // stale values to overwrite
            network.Forward(input, output, Lengths.Length, Lengths, training);

            int step = network.StepOutputSize;
            for (int b = 0; b < Lengths.Length; b++)
            {
                var row = output.AsSpan(b * network.OutputSize, network.OutputSize);
                for (int t = 0; t < TimeSteps; t++)
                {
                    var values = row.Slice(t * step, step);
                    if (t >= Lengths[b])
                    {
                        Assert.True(values.IndexOfAnyExcept(0f) < 0,
                            $"{testCase} (training {training}): output[{b}, {t}] past length {Lengths[b]} is [{string.Join(", ", values.ToArray())}], expected zeros");
                    }
                    else if (t == 0)
                    {
                        // The check above must not pass because the layer writes zeros everywhere.
                        Assert.True(values.IndexOfAnyExcept(0f) >= 0, $"{testCase}: output[{b}, 0] within the length is all zero");
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_gradient_given_to_steps_past_a_length_changes_nothing(PaddedCase testCase)
    {
        var (network, _) = Randomised(testCase);
        int batch = Lengths.Length, step = network.StepOutputSize;
        var outputGradient = GeneratedNetworkTests.RandomVector(batch * network.OutputSize, seed: 21);
        var maskedGradient = (float[])outputGradient.Clone();
        for (int b = 0; b < batch; b++)
        {
            Array.Clear(maskedGradient, (b * TimeSteps + Lengths[b]) * step, (TimeSteps - Lengths[b]) * step);
        }

        var (parameterGradient, inputGradient) = Gradients(testCase, outputGradient, fromPreActivation: false);
        var (maskedParameterGradient, maskedInputGradient) = Gradients(testCase, maskedGradient, fromPreActivation: false);
        Assert.Equal(maskedParameterGradient, parameterGradient);
        Assert.Equal(maskedInputGradient, inputGradient);

        var (preParameterGradient, preInputGradient) = Gradients(testCase, outputGradient, fromPreActivation: true);
        var (maskedPreParameterGradient, maskedPreInputGradient) = Gradients(testCase, maskedGradient, fromPreActivation: true);
        Assert.Equal(maskedPreParameterGradient, preParameterGradient);
        Assert.Equal(maskedPreInputGradient, preInputGradient);
        Assert.Contains(parameterGradient.Concat(inputGradient), v => v != 0f); // not vacuous
    }

    /// <summary>
    /// With padded lengths and a loss L = Σ projection ⊙ output that weighs the padded steps too (they are zero, so they add
    /// nothing), the gradients Backward gives match central finite differences of L: what the masking drops is truly zero,
    /// and what it keeps is unchanged, with the last layer's own gradient buffer holding the masked copy.
    /// </summary>
    [Theory]
    [MemberData(nameof(DeterministicKinds))]
    public void Gradients_with_padded_steps_match_central_finite_differences(PaddedCase testCase)
    {
        var (network, input) = Randomised(testCase);
        int batch = Lengths.Length;
        var projection = GeneratedNetworkTests.RandomVector(batch * network.OutputSize, seed: 31);
        double Loss()
        {
            var output = new float[batch * network.OutputSize];
            network.Forward(input, output, batch, Lengths);
            double sum = 0;
            for (int i = 0; i < output.Length; i++) sum += (double)projection[i] * output[i];
            return sum;
        }
        var inputGradient = new float[input.Length];
        network.ZeroGradients();
        network.Forward(input, new float[batch * network.OutputSize], batch, Lengths, training: true);
        network.Backward(projection, inputGradient, batch);

        if (network.ParameterCount > 0)
        {
            FiniteDifference.CheckParameterGradients(network, Loss, network.Gradients.ToArray(), checks: 120, seed: 33, testCase.ToString());
        }
        if (testCase.Vocabulary == 0)
        {
            FiniteDifference.CheckGradients(input, Loss, inputGradient, checks: 120, seed: 35, i => $"input[{i}]", testCase.ToString());
        }
    }

    /// <summary>dL/dθ and dL/dx of a fresh network (so dropout draws the same masks every time) after one training step.</summary>
    private static (float[] Parameters, float[] Input) Gradients(PaddedCase testCase, float[] outputGradient, bool fromPreActivation)
    {
        var (network, input) = Randomised(testCase);
        int batch = Lengths.Length;
        var inputGradient = new float[batch * network.InputSize];
        network.ZeroGradients();
        network.Forward(input, new float[batch * network.OutputSize], batch, Lengths, training: true);
        if (fromPreActivation) network.BackwardFromPreActivation(outputGradient, inputGradient, batch);
        else network.Backward(outputGradient, inputGradient, batch);
        return (network.Gradients.ToArray(), inputGradient);
    }

    /// <summary>The network at T = 4 with every parameter random in [−1, 1), and a random input whose padded steps are not zero.</summary>
    private static (ISequenceNetwork Network, float[] Input) Randomised(PaddedCase testCase)
    {
        var network = testCase.Create(TimeSteps);
        GeneratedNetworkTests.RandomVector(network.ParameterCount, seed: 17).CopyTo(network.Parameters);
        int count = Lengths.Length * network.InputSize;
        var input = testCase.Vocabulary == 0
            ? GeneratedNetworkTests.RandomVector(count, seed: 19)
            : Enumerable.Range(0, count).Select(i => (float)(i * 7 % testCase.Vocabulary)).ToArray();
        return (network, input);
    }
}
