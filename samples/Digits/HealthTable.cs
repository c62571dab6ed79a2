using System;
using System.Collections.Generic;
using System.Linq;
using DslNet;

namespace Digits;

/// <summary>Prints the gradient-health summaries of a run as one table, a row per epoch and a column pair per layer.</summary>
internal static class HealthTable
{
    public static void Print(IReadOnlyList<EpochReport> reports)
    {
        var summaries = reports.Where(r => r.Health is not null).Select(r => r.Health!).ToList();
        if (summaries.Count == 0) return;
        var layers = summaries[0].Layers.Select(l => l.Layer).ToList();
        Console.WriteLine();
        Console.WriteLine("Gradient health per epoch: mean gradient norm |g| and update/weight ratio per layer, dead units at the epoch's end.");
        Console.Write("epoch");
        foreach (string layer in layers) Console.Write($"  {layer + " |g|",11} {"upd/w",8}");
        Console.WriteLine($"  {"dead",5}  flags");
        foreach (var summary in summaries)
        {
            Console.Write($"{summary.Epoch,5}");
            foreach (var layer in summary.Layers) Console.Write($"  {layer.GradientNorm,11:0.00e+0} {layer.UpdateRatio,8:0.0e+0}");
            string flags = summary.IsHealthy ? "-" : string.Join(", ", summary.Events.Select(e => e.Layer is null ? $"{e.Issue}" : $"{e.Issue} ({e.Layer})"));
            Console.WriteLine($"  {summary.Layers.Sum(l => l.DeadUnits),5}  {flags}");
        }
        int events = summaries.Sum(s => s.Events.Count);
        Console.WriteLine(events == 0 ? "No health flags: no vanishing or exploding gradients, dead units, collapsing weights, stagnation or NaN." : $"{events} health flag(s), listed above as they were raised.");
    }
}
