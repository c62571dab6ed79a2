using System;
using System.Diagnostics;
using System.Threading;

namespace DslNet.Bench.Harness;

/// <summary>The hand harness: warm-up, calibration to a repetition length, timed repetitions, median and spread.</summary>
internal static class Measurement
{
    // Calibration times batches of calls until one lasts this long, then scales to the repetition length.
    private const double CalibrationSeconds = 0.02;

    public static MeasurementResult Run<TStep>(ref TStep step, HarnessSettings settings)
        where TStep : struct, IBenchStep
    {
        // Warm-up in two halves with a pause between: the kernels have loops, so they start as tier-0 code
        // with on-stack replacement, and the tier-1 compile after 30 calls runs on a background thread that
        // a busy machine may starve; the pause lets it finish before anything is timed.
        WarmUp(ref step, settings.WarmupSeconds / 2);
        Thread.Sleep(250);
        WarmUp(ref step, settings.WarmupSeconds / 2);

        long operations = Calibrate(ref step, settings.RepetitionSeconds);
        var seconds = new double[settings.Repetitions];
        // A collection now, not inside a repetition; a step that allocates still pays for its own.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread() + step.OtherThreadsAllocatedBytes;
        for (int repetition = 0; repetition < seconds.Length; repetition++)
        {
            long start = Stopwatch.GetTimestamp();
            for (long i = 0; i < operations; i++) step.Run();
            seconds[repetition] = Stopwatch.GetElapsedTime(start).TotalSeconds / operations;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() + step.OtherThreadsAllocatedBytes - allocatedBefore;

        Array.Sort(seconds);
        return new MeasurementResult(
            Median(seconds),
            seconds[0],
            seconds[^1],
            seconds.Length,
            operations,
            (double)allocated / (operations * seconds.Length));
    }

    private static void WarmUp<TStep>(ref TStep step, double seconds)
        where TStep : struct, IBenchStep
    {
        // At least 40 calls whatever the time: past the 30-call threshold for tier-1 promotion.
        long started = Stopwatch.GetTimestamp();
        for (int calls = 0; calls < 40 || Stopwatch.GetElapsedTime(started).TotalSeconds < seconds; calls++)
        {
            step.Run();
        }
    }

    private static long Calibrate<TStep>(ref TStep step, double repetitionSeconds)
        where TStep : struct, IBenchStep
    {
        for (long batch = 1; ; batch *= 2)
        {
            long start = Stopwatch.GetTimestamp();
            for (long i = 0; i < batch; i++) step.Run();
            double elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (elapsed >= CalibrationSeconds) return Math.Max(1, (long)Math.Ceiling(batch * repetitionSeconds / elapsed));
        }
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}
