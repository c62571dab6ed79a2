// The distributed checks, run under mpirun by .ci/mpi-test: `mpirun -np 2 dotnet DslNet.Mpi.TestDriver.dll SCENARIO`.
// "all" runs every check that ends normally, "equivalence" the main one alone (the TCP run), and "throw" and "kill" make
// rank 1 fail mid-run: the script checks that the whole job then ends, non-zero, within seconds.
using System;
using DslNet.Mpi;
using DslNet.Mpi.TestDriver;

string scenario = args.Length > 0 ? args[0] : "all";
using var world = MpiWorld.Initialize();
var checks = new Checks(world);
var scenarios = new Scenarios(world, checks);
switch (scenario)
{
    case "all":
        scenarios.EquivalentToOneProcess();
        scenarios.ShortLastBatches();
        scenarios.SequencesWithLengths();
        scenarios.ThreadsInsideRanks();
        scenarios.BatchNormStatisticsFromRankZero();
        scenarios.EarlyStoppingDecidedOnce();
        scenarios.Checkpoints();
        scenarios.NonFiniteStopsEveryRank();
        scenarios.HealthStopReachesEveryRank();
        scenarios.ChecksumCatchesDivergence();
        scenarios.StepsAllocateNothing();
        scenarios.BadOptionsAreNamed();
        break;
    case "equivalence":
        scenarios.EquivalentToOneProcess();
        break;
    case "throw":
    case "kill":
        scenarios.FailOnRank1(scenario);
        break;
    default:
        Console.Error.WriteLine($"Unknown scenario '{scenario}'; expected all, equivalence, throw or kill.");
        return 2;
}
return checks.Failed == 0 ? 0 : 1;
