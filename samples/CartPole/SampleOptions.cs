using System.CommandLine;
using System.IO;
using DslNet.Samples;

namespace CartPole;

/// <summary>The sample's command line: <c>--optimizer ga|pso --generations N --population N --episodes N --seed N</c>.</summary>
internal sealed record SampleOptions(string Optimizer, int Generations, int Population, int Episodes, int EvaluationEpisodes, int Seed)
{
    /// <summary>The options, or null after printing the usage for --help (exit code 0) or what is wrong (exit code 1).</summary>
    public static SampleOptions? Parse(string[] args, out int exitCode, TextWriter? output = null, TextWriter? error = null)
    {
        var optimizer = SampleCommandLine.Choice("--optimizer", "ga", "ga (genetic algorithm) or pso (particle swarm)", "ga", "pso");
        var generations = SampleCommandLine.Int("--generations", 100, "Generations (iterations) of the search at most");
        var population = SampleCommandLine.Int("--population", 50, "Individuals per generation", minimum: 4);
        var episodes = SampleCommandLine.Int("--episodes", 5, "Seeded episodes averaged into one fitness");
        var evaluation = SampleCommandLine.Int("--eval-episodes", 20, "Fresh episodes of the final evaluation");
        var seed = SampleCommandLine.Seed(42, "Seeds the weights and the search");
        var command = new RootCommand("Trains a policy to balance the cart-pole with a gradient-free optimiser.")
        {
            optimizer, generations, population, episodes, evaluation, seed,
        };
        return SampleCommandLine.Parse(command, args, result => new SampleOptions(
            result.GetValue(optimizer)!, result.GetValue(generations), result.GetValue(population), result.GetValue(episodes),
            result.GetValue(evaluation), result.GetValue(seed)), out exitCode, output, error);
    }
}
