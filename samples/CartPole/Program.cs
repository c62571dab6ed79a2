// Trains CartPolePolicy (CartPolePolicy.cs: two Dense layers declared with attributes) to balance the cart-pole
// of CartPoleEnvironment.cs with a genetic algorithm or a particle swarm: no gradients, only episode lengths.
using System;
using CartPole;
using DslNet;

var options = SampleOptions.Parse(args, out int exitCode);
if (options is null) return exitCode;

// Training episodes and the final, fresh evaluation episodes never share a seed.
const long TrainingSeed = 1_000;
const long EvaluationSeed = 1_000_000;

var policy = new CartPolePolicy(seed: options.Seed);
var evaluator = new PolicyEvaluator(policy);
Console.WriteLine($"CartPolePolicy: {CartPolePolicy.InputSize} → 8 tanh → {CartPolePolicy.OutputSize} softmax, {CartPolePolicy.ParameterCount} parameters; actions sampled from the softmax.");
Console.WriteLine($"Untrained policy: {evaluator.AverageEpisodeLength(EvaluationSeed, options.EvaluationEpisodes):F1} steps on average over {options.EvaluationEpisodes} fresh episodes (500 is the cap, 195 is Gym's \"solved\").");

IGradientFreeOptimizer optimizer = options.Optimizer == "pso"
    ? new ParticleSwarmOptimizer { SwarmSize = options.Population }
    : new GeneticAlgorithmOptimizer { PopulationSize = options.Population, EliteCount = 2, MutationRate = 0.1, MutationScale = 0.2f };
string name = options.Optimizer == "pso" ? "particle swarm" : "genetic algorithm";
Console.WriteLine($"Training with the {name}: {options.Population} individuals, fitness = average length of {options.Episodes} seeded episodes.");

// The optimiser minimises, so the objective is the negated average episode length; a perfect score on every
// training episode ends the search early.
var result = optimizer.Minimize(
    policy.Parameters,
    parameters => -evaluator.AverageEpisodeLength(parameters, TrainingSeed, options.Episodes),
    new GradientFreeOptions
    {
        MaxIterations = options.Generations,
        MaxEvaluations = int.MaxValue,
        TargetValue = -PolicyEvaluator.MaxSteps,
        InitialScale = 1f,
        Seed = options.Seed,
    },
    new GenerationPrinter());

// Minimize wrote the best parameters back into policy.Parameters.
Console.WriteLine($"Stopped after {result.Iterations} generations ({result.StopReason}), {result.Evaluations} policies tried, {result.Elapsed.TotalSeconds:F1} s; best training fitness {-result.BestValue:F1} steps.");
int shortest = int.MaxValue, longest = 0, total = 0;
for (int e = 0; e < options.EvaluationEpisodes; e++)
{
    int length = evaluator.EpisodeLength(EvaluationSeed + e);
    shortest = Math.Min(shortest, length);
    longest = Math.Max(longest, length);
    total += length;
}
double final = (double)total / options.EvaluationEpisodes;
Console.WriteLine($"Final evaluation over {options.EvaluationEpisodes} fresh episodes: {final:F1} steps on average (shortest {shortest}, longest {longest}); {(final >= 195 ? "solved" : "not solved")} by Gym's bar of 195.");
return 0;

/// <summary>One line per generation: the average and best episode length of the policies it tried.</summary>
internal sealed class GenerationPrinter : IProgress<GradientFreeReport>
{
    public void Report(GradientFreeReport r) => Console.WriteLine(
        $"generation {r.Iteration,3}  average {-r.IterationMean,6:F1}  best {-r.IterationBest,6:F1}  best so far {-r.BestValue,6:F1}  ({r.Elapsed.TotalSeconds:F1} s)");
}
