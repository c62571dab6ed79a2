using System;
using System.Collections.Generic;
using System.Linq;
using DslNet.CompilerServices;
using Xunit;

namespace DslNet.EndToEnd.Tests;

/// <summary>
/// A generated backward pass reports, layer by layer from the last, from which offset the gradients are final (a
/// distributed trainer starts summing them there while backward goes on). Every report must be true: what it calls final
/// equals, bit for bit, what the pass leaves at its end.
/// </summary>
public sealed class GradientProgressTests
{
    [Theory]
    [MemberData(nameof(NetworkCase.All), MemberType = typeof(NetworkCase))]
    public void Reported_gradients_are_final(NetworkCase testCase)
    {
        var network = testCase.Create();
        const int batch = 3;
        var input = GeneratedNetworkTests.RandomVector(batch * network.InputSize, seed: 5);
        CheckReports(network, input, batch);
    }

    [Theory]
    [MemberData(nameof(SequenceCase.All), MemberType = typeof(SequenceCase))]
    public void Reported_gradients_of_sequence_networks_are_final(SequenceCase testCase)
    {
        var network = testCase.Create(4);
        const int batch = 2;
        CheckReports(network, testCase.RandomInput(network, batch, seed: 6), batch);
    }

    private static void CheckReports(INetwork network, float[] input, int batch)
    {
        var recorder = new Recorder(network);
        ((IReportsGradientProgress)network).GradientProgress = recorder;
        var output = new float[batch * network.OutputSize];
        network.Forward(input, output, batch, training: true);
        network.ZeroGradients();
        network.Backward(GeneratedNetworkTests.RandomVector(output.Length, seed: 7), Span<float>.Empty, batch);

        if (network.ParameterCount == 0)
        {
            Assert.Empty(recorder.Reports);
            return;
        }
        // From the last layer down, each report covers more; the last covers every parameter.
        var offsets = recorder.Reports.Select(r => r.Offset).ToList();
        Assert.Equal(offsets.OrderByDescending(o => o).Distinct(), offsets);
        Assert.Equal(0, offsets[^1]);
        Assert.Equal(network.Layout.Where(s => s.Length > 0).Select(s => s.Layer).Distinct().Count(), offsets.Count);
        foreach (var (offset, final) in recorder.Reports)
        {
            Assert.True(final.AsSpan().SequenceEqual(network.Gradients[offset..]), $"The gradients from offset {offset} changed after they were reported final.");
        }

        // Detached, the network reports nothing.
        ((IReportsGradientProgress)network).GradientProgress = null;
        network.Forward(input, output, batch, training: true);
        network.Backward(new float[output.Length], Span<float>.Empty, batch);
        Assert.Equal(offsets.Count, recorder.Reports.Count);
    }

    private sealed class Recorder(INetwork network) : IGradientProgress
    {
        public List<(int Offset, float[] Final)> Reports { get; } = [];

        public void GradientsFinalFrom(int offset) => Reports.Add((offset, network.Gradients[offset..].ToArray()));
    }
}
