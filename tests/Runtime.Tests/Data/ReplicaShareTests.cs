using System.Collections.Generic;
using Xunit;

namespace DslNet.Tests;

/// <summary>The split of every global batch between the replicas of a distributed run (DslNet.Mpi).</summary>
public sealed class ReplicaShareTests
{
    [Theory]
    [InlineData(64, 2)]
    [InlineData(37, 2)]
    [InlineData(1, 2)]
    [InlineData(10, 3)]
    [InlineData(2, 4)]
    public void The_shares_cover_the_span_once_in_order_and_differ_by_at_most_one(int count, int replicas)
    {
        int next = 0, smallest = int.MaxValue, largest = 0;
        for (int rank = 0; rank < replicas; rank++)
        {
            var (start, length) = ReplicaShare.Of(count, rank, replicas);
            Assert.Equal(next, start);
            next = start + length;
            smallest = System.Math.Min(smallest, length);
            largest = System.Math.Max(largest, length);
        }
        Assert.Equal(count, next);
        Assert.True(largest - smallest <= 1);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Replicas_together_see_the_batches_one_process_sees_at_the_global_size(int replicas)
    {
        // 70 samples whose only input is their index; 4 per replica, so global batches of 4 × replicas and a short last one.
        var inputs = new float[70];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = i;
        var data = new Dataset(inputs, new float[70], 70);
        var single = new ShuffledBatches(data, 4 * replicas, new FastRandom(9));
        var parts = new ShuffledBatches[replicas];
        for (int rank = 0; rank < replicas; rank++) parts[rank] = new ShuffledBatches(data, 4, new FastRandom(9), replica: rank, replicas: replicas);

        for (int epoch = 0; epoch < 3; epoch++)
        {
            var expected = new List<(int Number, int Seen, float[] Samples)>();
            single.Epoch(batch => expected.Add((batch.Number, batch.Seen, batch.Inputs.ToArray())));
            var joined = new List<float>[expected.Count];
            for (int b = 0; b < joined.Length; b++) joined[b] = [];
            foreach (var part in parts)
            {
                Assert.Equal(single.BatchCount, part.BatchCount);
                part.Epoch(batch =>
                {
                    var (number, seen, samples) = expected[batch.Number - 1];
                    Assert.Equal((number, seen, samples.Length), (batch.Number, batch.Seen, batch.GlobalSize));
                    joined[batch.Number - 1].AddRange(batch.Inputs.ToArray());
                });
            }
            for (int b = 0; b < joined.Length; b++) Assert.Equal(expected[b].Samples, joined[b]);
        }
    }
}
