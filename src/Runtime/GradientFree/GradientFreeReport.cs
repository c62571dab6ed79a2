using System;

namespace DslNet;

/// <summary>What one iteration of a gradient-free search achieved (a generation, a simplex step, a candidate step).</summary>
/// <param name="Iteration">The iteration, counted from 1; the first one also holds the evaluations that set the search up.</param>
/// <param name="Evaluations">The evaluations so far, over the whole search.</param>
/// <param name="BestValue">The lowest value seen so far, over the whole search.</param>
/// <param name="IterationBest">The lowest value evaluated in this iteration.</param>
/// <param name="IterationMean">The mean of the values evaluated in this iteration (+∞ if any was +∞).</param>
/// <param name="Scale">
/// The method's search scale after the iteration: the step size (hill climbing), the temperature (simulated
/// annealing), the largest distance of a vertex from the best one (Nelder–Mead), or the population's spread,
/// the root mean square over coordinates of the standard deviation across individuals (particle swarm, genetic algorithm).
/// </param>
/// <param name="Elapsed">The wall-clock time since the search started.</param>
public sealed record GradientFreeReport(
    int Iteration,
    int Evaluations,
    double BestValue,
    double IterationBest,
    double IterationMean,
    double Scale,
    TimeSpan Elapsed);
