using System;
using System.Collections.Generic;
using System.Globalization;
using DslNet.Bench.Harness;

namespace DslNet.Bench;

/// <summary>The command line: which workloads, how many threads, quick or full, and the W1 breakdown.</summary>
internal sealed class BenchOptions
{
    public const string Usage = """
        DslNet.Bench: the workloads defined in bench/README.md on generated networks, one JSON line each on stdout.

          --only W1,W3,...   run these ids only (W1..W9, G1 = generator time, W3-ORT and W4-ORT = W3 and W4 in
                             ONNX Runtime, P0 = this core's FMA peak); default: all but W10
                             (W10, W2 over MPI ranks, runs only when named, under mpirun -np N)
          --threads N        the threads of W7 and W8 (default 2); the other workloads run on 1, as defined
          --quick            a smoke run: short warm-up and repetitions, figures indicative only
          --kernels          the kernel micro-bench (K): each product shape of W1-W6 and each convolution weight
                             gradient of W2 and W9 on every vector path, GFLOP/s and % of the P0 peak measured first;
                             same as naming K in --only
          --breakdown        also time the phases of W1 and W6, each generated Dense kernel of W1, W3, W6, and W4's
                             network with and without BatchNorm
          --busy-core        W1 and W7 in one run beside a thread spinning on the last processor (pinned there on
                             Linux), then W7/W1: what two threads give when the second core is taken
          --rounds N         with --busy-core: N rounds of W1 then W7, and the median of their N ratios (default 1)
          --help             this text
        """;

    private BenchOptions(HashSet<string>? only, int threads, bool quick, bool breakdown, bool busyCore, int rounds, bool help)
    {
        Only = only;
        Threads = threads;
        Quick = quick;
        Breakdown = breakdown;
        BusyCore = busyCore;
        Rounds = rounds;
        Help = help;
    }

    /// <summary>The ids to run, upper case; null runs everything.</summary>
    public HashSet<string>? Only { get; }

    /// <summary>The threads of the two-thread workloads, W7 and W8.</summary>
    public int Threads { get; }

    public bool Quick { get; }

    public bool Breakdown { get; }

    /// <summary>Run W1 and W7 beside a spinning thread on the last processor and report W7/W1.</summary>
    public bool BusyCore { get; }

    /// <summary>Rounds of W1 then W7 under <see cref="BusyCore"/>.</summary>
    public int Rounds { get; }

    public bool Help { get; }

    public HarnessSettings Settings => Quick ? HarnessSettings.Quick : HarnessSettings.Full;

    public bool Includes(string id) => Only is null || Only.Contains(id);

    /// <exception cref="ArgumentException">An unknown option or a bad value; the message says which.</exception>
    public static BenchOptions Parse(string[] args)
    {
        HashSet<string>? only = null;
        int threads = 2;
        bool quick = false, breakdown = false, busyCore = false, help = false;
        int rounds = 1;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--only":
                    only = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var id in Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        only.Add(id.ToUpperInvariant());
                    }
                    break;
                case "--threads":
                    string text = Value(args, ref i);
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out threads) || threads < 1)
                    {
                        throw new ArgumentException($"--threads needs a whole number of at least 1, got '{text}'.");
                    }
                    break;
                case "--kernels":
                    only ??= new HashSet<string>(StringComparer.Ordinal);
                    only.Add("K");
                    break;
                case "--quick":
                    quick = true;
                    break;
                case "--breakdown":
                    breakdown = true;
                    break;
                case "--rounds":
                    string count = Value(args, ref i);
                    if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out rounds) || rounds < 1)
                    {
                        throw new ArgumentException($"--rounds needs a whole number of at least 1, got '{count}'.");
                    }
                    break;
                case "--busy-core":
                    busyCore = true;
                    break;
                case "--help" or "-h":
                    help = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }
        return new BenchOptions(only, threads, quick, breakdown, busyCore, rounds, help);
    }

    private static string Value(string[] args, ref int i)
    {
        if (i + 1 >= args.Length) throw new ArgumentException($"{args[i]} needs a value.");
        return args[++i];
    }
}
