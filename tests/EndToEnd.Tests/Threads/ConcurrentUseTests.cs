using System;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Threading;
using Xunit;

namespace DslNet.EndToEnd.Tests;

/// <summary>
/// A generated network runs one call at a time: a second thread that enters while a call runs gets an
/// <see cref="InvalidOperationException"/> that names the class and the remedy, instead of a corrupted output.
/// </summary>
public sealed class ConcurrentUseTests
{
    /// <summary>Holds the instance as a call in progress does (its busy flag set), so the second call is certain to find it busy.</summary>
    private static void SetBusy(object network, int value) =>
        network.GetType().GetField("_busy", BindingFlags.Instance | BindingFlags.NonPublic)!.SetValue(network, value);

    private static int Busy(object network) =>
        (int)network.GetType().GetField("_busy", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(network)!;

    [Fact]
    public void Every_entry_that_uses_the_buffers_throws_while_a_call_holds_the_instance()
    {
        var network = new DeepSoftmax(seed: 1);
        var input = GeneratedNetworkTests.RandomVector(2 * DeepSoftmax.InputSize, seed: 2);
        var output = new float[2 * DeepSoftmax.OutputSize];
        network.Forward(input, output, 2, training: true);

        SetBusy(network, 1);
        var busyCalls = new (string Name, Action Call)[]
        {
            ("Forward", () => network.Forward(input, new float[2 * DeepSoftmax.OutputSize], 2)),
            ("Backward", () => network.Backward(new float[2 * DeepSoftmax.OutputSize], Span<float>.Empty, 2)),
            ("BackwardFromPreActivation", () => network.BackwardFromPreActivation(new float[2 * DeepSoftmax.OutputSize], Span<float>.Empty, 2)),
            ("ZeroGradients", network.ZeroGradients),
        };
        foreach (var (name, call) in busyCalls)
        {
            var error = Assert.Throws<InvalidOperationException>(call);
            Assert.Contains("DeepSoftmax is already running a call on another thread", error.Message);
            Assert.Contains("CreateReplica()", error.Message);
            Assert.Contains("NetworkPool<DeepSoftmax>", error.Message);
            Assert.True(Busy(network) == 1, $"{name}: a call that found the instance busy cleared the flag of the call that holds it");
        }

        SetBusy(network, 0);
        var again = new float[output.Length];
        network.Forward(input, again, 2);
        Assert.Equal(output, again);
        Assert.Equal(0, Busy(network));
    }

    [Fact]
    public void A_sequence_network_guards_its_time_steps_and_its_carried_state_too()
    {
        var tagger = new NormTagger(timeSteps: 3, seed: 1);
        SetBusy(tagger, 1);
        Assert.Throws<InvalidOperationException>(() => tagger.Forward(new float[3 * NormTagger.StepInputSize], new float[3 * NormTagger.StepOutputSize], 1, [2]));
        Assert.Throws<InvalidOperationException>(() => tagger.TimeSteps = 5);
        Assert.Equal(3, tagger.TimeSteps);

        var stateful = new StatefulLstm(timeSteps: 2, seed: 1);
        SetBusy(stateful, 1);
        Assert.Throws<InvalidOperationException>(stateful.ResetState);
    }

    [Fact]
    public void A_call_that_fails_its_argument_checks_leaves_the_instance_usable()
    {
        var network = new DeepSoftmax(seed: 1);
        Assert.Throws<ArgumentException>(() => network.Forward(new float[3], new float[DeepSoftmax.OutputSize], 1));
        Assert.Equal(0, Busy(network));
        network.Forward(new float[DeepSoftmax.InputSize], new float[DeepSoftmax.OutputSize], 1);
    }

    /// <summary>
    /// Two threads call Forward on one instance, each with its own inputs, until their calls have overlapped and each has
    /// made 200 calls (bounded at 60 s: even on one core, a thread preempted inside a call overlaps the other). Every call
    /// that returned must hold exactly the output a single thread computes; the overlapping ones must have thrown.
    /// </summary>
    [Fact]
    public void Two_threads_on_one_instance_get_the_exception_and_every_completed_call_is_right()
    {
        const int batch = 16, inputsPerThread = 8;
        var network = new SlicedReductions(seed: 3);
        var inputs = Enumerable.Range(0, 2 * inputsPerThread).Select(i => GeneratedNetworkTests.RandomVector(batch * SlicedReductions.InputSize, seed: 100 + i)).ToArray();
        var expected = inputs.Select(input =>
        {
            var output = new float[batch * SlicedReductions.OutputSize];
            network.Forward(input, output, batch);
            return output;
        }).ToArray();

        int refused = 0, completed = 0, wrong = 0;
        var clock = Stopwatch.StartNew();
        using var start = new Barrier(2);
        void Run(int thread)
        {
            var output = new float[batch * SlicedReductions.OutputSize];
            start.SignalAndWait();
            for (int call = 0; clock.Elapsed < TimeSpan.FromSeconds(60); call++)
            {
                if (Volatile.Read(ref refused) > 0 && call >= 200) break;
                int which = thread * inputsPerThread + call % inputsPerThread;
                try
                {
                    network.Forward(inputs[which], output, batch);
                }
                catch (InvalidOperationException)
                {
                    Interlocked.Increment(ref refused);
                    continue;
                }
                Interlocked.Increment(ref completed);
                if (!output.AsSpan().SequenceEqual(expected[which])) Interlocked.Increment(ref wrong);
            }
        }
        Exception? failure = null;
        var other = new Thread(() =>
        {
            try
            {
                Run(1);
            }
            catch (Exception error)
            {
                failure = error;
            }
        });
        other.Start();
        Run(0);
        other.Join();

        Assert.Null(failure);

        Assert.True(refused > 0, $"no call was refused in {clock.Elapsed.TotalSeconds:F1} s of two threads on one instance ({completed} completed, {wrong} wrong)");
        Assert.True(wrong == 0, $"{wrong} of {completed} completed calls returned another output than a single thread's ({refused} refused)");
        Assert.True(completed > 0);
    }
}
