using System;
using System.Linq;
using Xunit;

namespace DslNet.Onnx.Tests;

/// <summary>Every reference network, exported and run by ONNX Runtime, gives DslNet's Forward within the tolerance.</summary>
public sealed class OnnxRoundTripTests
{
    public static TheoryData<string> Networks()
    {
        var data = new TheoryData<string>();
        foreach (var type in ReferenceNetworks.Types) data.Add(type.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Onnx_runtime_matches_forward(string name)
    {
        var network = ReferenceNetworks.Create(name);
        using var run = new OnnxRuntimeRun(network);
        if (network is ISequenceNetwork sequence)
        {
            // Mixed lengths, then another number of steps through the same session (the time axis is dynamic), an empty sequence among them.
            Compare(sequence, run, ReferenceNetworks.TimeSteps, [ReferenceNetworks.TimeSteps, 4, 1]);
            Compare(sequence, run, 5, [2, 5, 0, 3]);
        }
        else
        {
            foreach (int batch in new[] { 3, 1 }) Compare(network, run, batch);
        }
    }

    private static void Compare(INetwork network, OnnxRuntimeRun run, int batch)
    {
        var random = new Random(batch);
        var input = Enumerable.Range(0, batch * network.InputSize).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var expected = new float[batch * network.OutputSize];
        network.Forward(input, expected, batch);
        var inputShape = ((IDescribedNetwork)network).Description.InputShape;
        var actual = run.Run(input, [batch, .. inputShape.Select(d => (long)d)]);
        Tolerance.AssertClose(expected, actual, $"{network.GetType().Name}, batch {batch}");
    }

    private static void Compare(ISequenceNetwork network, OnnxRuntimeRun run, int timeSteps, int[] lengths)
    {
        network.TimeSteps = timeSteps;
        int batch = lengths.Length;
        var description = ((IDescribedNetwork)network).Description;
        var random = new Random(timeSteps * 31 + batch);
        int vocabulary = description.Layers[0] is EmbeddingDescription embedding ? embedding.Vocabulary : 0;
        var input = Enumerable.Range(0, batch * network.InputSize)
            .Select(_ => vocabulary > 0 ? random.Next(vocabulary) : (float)(random.NextDouble() * 2 - 1)).ToArray();
        var expected = new float[batch * network.OutputSize];
        network.ResetState(); // the exported model starts every sequence from zero states, stateful or not
        network.Forward(input, expected, batch, lengths);
        var actual = run.Run(input, [batch, timeSteps, .. description.InputShape.Select(d => (long)d)], lengths);
        Tolerance.AssertClose(expected, actual, $"{network.GetType().Name}, {timeSteps} steps, lengths [{string.Join(", ", lengths)}]");
    }
}
