using System;
using System.Diagnostics;
using System.Threading;
using DslNet.Bench.Harness;
using DslNet.Bench.Output;

namespace DslNet.Bench.Workloads;

/// <summary>
/// Where a training step goes: the step written out with a timestamp between phases (zero gradients,
/// forward, loss, backward, optimiser); one line per phase, the median of the per-repetition means.
/// A diagnostic beside the workload figure, which stays the one that counts.
/// </summary>
internal sealed class PhaseBreakdown(INetwork network, ILoss loss, IOptimizer optimizer, float[] inputs, float[] targets, int batch, bool inputGradient)
{
    private static readonly string[] Phases = ["zero_gradients", "forward", "loss", "backward", "optimizer"];

    private readonly float[] _output = new float[batch * network.OutputSize];
    private readonly float[] _gradient = new float[batch * network.OutputSize];
    private readonly float[] _inputGradient = inputGradient ? new float[batch * network.InputSize] : [];
    private readonly bool _preActivation = loss.GradientTarget(network.OutputActivation) == LossGradientTarget.PreActivation;
    private readonly long[] _ticks = new long[Phases.Length];
    private readonly long[] _stamps = new long[Phases.Length + 1];

    public void Run(string workload, HarnessSettings settings)
    {
        optimizer.Bind(network.Layout);
        // As Measurement's warm-up: two halves around a pause for the background tier-1 compiles.
        WarmUp(settings.WarmupSeconds / 2);
        Thread.Sleep(250);
        WarmUp(settings.WarmupSeconds / 2);

        long probe = Stopwatch.GetTimestamp();
        int probeSteps = 0;
        while (Stopwatch.GetElapsedTime(probe).TotalSeconds < 0.05)
        {
            Step();
            probeSteps++;
        }
        int steps = Math.Max(1, (int)(probeSteps * settings.RepetitionSeconds / Stopwatch.GetElapsedTime(probe).TotalSeconds));

        var perPhase = new double[Phases.Length][];
        for (int p = 0; p < Phases.Length; p++) perPhase[p] = new double[settings.Repetitions];
        for (int r = 0; r < settings.Repetitions; r++)
        {
            Array.Clear(_ticks);
            for (int s = 0; s < steps; s++) Step();
            for (int p = 0; p < Phases.Length; p++) perPhase[p][r] = (double)_ticks[p] / Stopwatch.Frequency / steps * 1e6;
        }

        var medians = new double[Phases.Length];
        double total = 0;
        for (int p = 0; p < Phases.Length; p++)
        {
            Array.Sort(perPhase[p]);
            medians[p] = perPhase[p][perPhase[p].Length / 2];
            total += medians[p];
        }
        for (int p = 0; p < Phases.Length; p++)
        {
            new JsonLine($"{workload}.{Phases[p]}")
                .Add("metric", "us_per_step")
                .Add("value", medians[p], 4)
                .Add("threads", 1L)
                .Add("peer", "dslnet")
                .Add("share_pct", medians[p] / total * 100, 3)
                .Print();
        }
    }

    private void WarmUp(double seconds)
    {
        long started = Stopwatch.GetTimestamp();
        for (int calls = 0; calls < 40 || Stopwatch.GetElapsedTime(started).TotalSeconds < seconds; calls++) Step();
    }

    private void Step()
    {
        _stamps[0] = Stopwatch.GetTimestamp();
        network.ZeroGradients();
        _stamps[1] = Stopwatch.GetTimestamp();
        network.Forward(inputs, _output, batch, training: true);
        _stamps[2] = Stopwatch.GetTimestamp();
        loss.Compute(_output, targets, _gradient, batch, network.OutputActivation);
        _stamps[3] = Stopwatch.GetTimestamp();
        if (_preActivation) network.BackwardFromPreActivation(_gradient, _inputGradient, batch);
        else network.Backward(_gradient, _inputGradient, batch);
        _stamps[4] = Stopwatch.GetTimestamp();
        optimizer.Step(network.Parameters, network.Gradients);
        _stamps[5] = Stopwatch.GetTimestamp();
        for (int p = 0; p < Phases.Length; p++) _ticks[p] += _stamps[p + 1] - _stamps[p];
    }
}
