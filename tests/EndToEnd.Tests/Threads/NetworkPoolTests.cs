using System;
using System.Linq;
using System.Threading;
using DslNet.Tests.Shared;
using Xunit;

namespace DslNet.EndToEnd.Tests;

/// <summary>
/// <see cref="NetworkPool{TNetwork}"/> serves one network to many threads: every output bit-identical to a single
/// thread's, replicas made only as calls overlap, and clear errors for what cannot work.
/// </summary>
[Collection(AllocationMeasurement.Name)]
public sealed class NetworkPoolTests
{
    [Fact]
    public void Eight_threads_predicting_through_the_pool_match_a_single_thread_bit_for_bit()
    {
        const int threads = 8, callsPerThread = 300, distinctInputs = 24;
        var network = new SlicedReductions(seed: 5);
        // Batches of 1 to 4 rows, so replicas also grow their buffers while serving.
        var batches = Enumerable.Range(0, distinctInputs).Select(i => 1 + i % 4).ToArray();
        var inputs = Enumerable.Range(0, distinctInputs).Select(i => GeneratedNetworkTests.RandomVector(batches[i] * SlicedReductions.InputSize, seed: 200 + i)).ToArray();
        var expected = Enumerable.Range(0, distinctInputs).Select(i =>
        {
            var output = new float[batches[i] * SlicedReductions.OutputSize];
            network.Forward(inputs[i], output, batches[i]);
            return output;
        }).ToArray();

        var pool = new NetworkPool<SlicedReductions>(network);
        int completed = 0, wrong = 0;
        Exception? failure = null;
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(thread => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                for (int call = 0; call < callsPerThread; call++)
                {
                    int which = (thread * 7 + call) % distinctInputs;
                    var output = new float[batches[which] * SlicedReductions.OutputSize];
                    pool.Predict(inputs[which], output, batches[which]);
                    Interlocked.Increment(ref completed);
                    if (!output.AsSpan().SequenceEqual(expected[which])) Interlocked.Increment(ref wrong);
                }
            }
            catch (Exception error)
            {
                Interlocked.CompareExchange(ref failure, error, null);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        Assert.Null(failure);

        Assert.Equal(threads * callsPerThread, completed);
        Assert.True(wrong == 0, $"{wrong} of {completed} pooled predictions differ from the single-threaded output");
        Assert.InRange(pool.ReplicaCount, 1, threads);
    }

    [Fact]
    public void A_pooled_sequence_network_keeps_each_calls_lengths()
    {
        const int threads = 4, callsPerThread = 150, timeSteps = 5, batch = 3;
        var network = new NormTagger(timeSteps, seed: 6);
        var inputs = Enumerable.Range(0, 12).Select(i => GeneratedNetworkTests.RandomVector(batch * network.InputSize, seed: 300 + i)).ToArray();
        var lengths = Enumerable.Range(0, 12).Select(i => new[] { timeSteps, i % (timeSteps + 1), (i * 3) % (timeSteps + 1) }).ToArray();
        var expected = Enumerable.Range(0, 12).Select(i =>
        {
            var output = new float[batch * network.OutputSize];
            network.Forward(inputs[i], output, batch, lengths[i]);
            return output;
        }).ToArray();

        var pool = new NetworkPool<NormTagger>(network);
        int wrong = 0;
        Exception? failure = null;
        var workers = Enumerable.Range(0, threads).Select(thread => new Thread(() =>
        {
            var output = new float[batch * network.OutputSize];
            try
            {
                for (int call = 0; call < callsPerThread; call++)
                {
                    int which = (thread * 5 + call) % inputs.Length;
                    pool.Predict(inputs[which], output, batch, lengths[which]);
                    if (!output.AsSpan().SequenceEqual(expected[which])) Interlocked.Increment(ref wrong);
                }
            }
            catch (Exception error)
            {
                Interlocked.CompareExchange(ref failure, error, null);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        Assert.Null(failure);

        Assert.Equal(0, wrong);
    }

    [Fact]
    public void A_pooled_call_allocates_nothing_once_the_replica_has_grown()
    {
        var pool = new NetworkPool<DeepSoftmax>(new DeepSoftmax(seed: 9));
        var input = GeneratedNetworkTests.RandomVector(4 * DeepSoftmax.InputSize, seed: 10);
        var output = new float[4 * DeepSoftmax.OutputSize];
        for (int i = 0; i < 10; i++) pool.Predict(input, output, 4);

        SteadyStateAllocation.AssertZero(() =>
        {
            for (int i = 0; i < 1000; i++) pool.Predict(input, output, 4);
        });
    }

    [Fact]
    public void Rent_and_return_lend_each_replica_to_one_caller_at_a_time()
    {
        var network = new DeepSoftmax(seed: 7);
        var pool = new NetworkPool<DeepSoftmax>(network);
        var first = pool.Rent();
        var second = pool.Rent();
        Assert.NotSame(first, second);
        Assert.NotSame(network, first);
        Assert.Equal(2, pool.ReplicaCount);
        // Replicas read the source's parameters, not a copy.
        network.Parameters[0] += 1f;
        Assert.Equal(network.Parameters[0], first.Parameters[0]);

        pool.Return(first);
        Assert.Same(first, pool.Rent());
        pool.Return(first);
        pool.Return(second);
        Assert.Equal(2, pool.ReplicaCount);
    }

    [Fact]
    public void Bad_use_is_refused_with_a_message_that_says_why()
    {
        var pool = new NetworkPool<DeepSoftmax>(new DeepSoftmax(seed: 8));
        var replica = pool.Rent();
        pool.Return(replica);
        var twice = Assert.Throws<ArgumentException>(() => pool.Return(replica));
        Assert.Contains("already returned", twice.Message);
        var foreign = Assert.Throws<ArgumentException>(() => pool.Return(new DeepSoftmax(seed: 8)));
        Assert.Contains("not rented from this pool", foreign.Message);

        var lengths = Assert.Throws<InvalidOperationException>(() =>
            pool.Predict(new float[DeepSoftmax.InputSize], new float[DeepSoftmax.OutputSize], 1, [1]));
        Assert.Contains("not a sequence network", lengths.Message);

        var stateful = Assert.Throws<ArgumentException>(() => new NetworkPool<StatefulLstm>(new StatefulLstm(timeSteps: 2)));
        Assert.Contains("stateful", stateful.Message);

        var size = Assert.Throws<ArgumentException>(() => pool.Predict(new float[3], new float[DeepSoftmax.OutputSize], 1));
        Assert.Contains("DeepSoftmax", size.Message);
        Assert.Throws<ArgumentNullException>(() => new NetworkPool<DeepSoftmax>(null!));
    }
}
