namespace DslNet.Bench.Harness;

/// <summary>How long to warm up and how many timed repetitions of what length to run.</summary>
/// <param name="WarmupSeconds">Untimed running first: long enough for tiered JIT to promote the kernels (30 calls, then a 100 ms delay).</param>
/// <param name="Repetitions">Timed repetitions; the median is reported.</param>
/// <param name="RepetitionSeconds">The least length of one repetition, so timer resolution and one-off hiccups stay small.</param>
internal readonly record struct HarnessSettings(double WarmupSeconds, int Repetitions, double RepetitionSeconds)
{
    /// <summary>bench/README.md's rules with margin: warm-up, 7 repetitions of at least 0.4 s.</summary>
    public static HarnessSettings Full => new(1.0, 7, 0.4);

    /// <summary>A smoke run: proves every workload runs, its figures are only indicative.</summary>
    public static HarnessSettings Quick => new(0.25, 5, 0.05);
}
