using System;

namespace CartPole;

/// <summary>The sample's command line: <c>--optimizer ga|pso --generations N --population N --episodes N --seed N</c>.</summary>
internal sealed record SampleOptions(string Optimizer, int Generations, int Population, int Episodes, int EvaluationEpisodes, int Seed)
{
    public static SampleOptions? Parse(string[] args)
    {
        var options = new SampleOptions("ga", 100, 50, 5, 20, 42);
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--optimizer" when value is "ga" or "pso": options = options with { Optimizer = value }; i++; break;
                case "--generations" when int.TryParse(value, out int generations) && generations > 0: options = options with { Generations = generations }; i++; break;
                case "--population" when int.TryParse(value, out int population) && population >= 4: options = options with { Population = population }; i++; break;
                case "--episodes" when int.TryParse(value, out int episodes) && episodes > 0: options = options with { Episodes = episodes }; i++; break;
                case "--eval-episodes" when int.TryParse(value, out int evaluation) && evaluation > 0: options = options with { EvaluationEpisodes = evaluation }; i++; break;
                case "--seed" when int.TryParse(value, out int seed): options = options with { Seed = seed }; i++; break;
                default:
                    Console.Error.WriteLine($"Unknown or incomplete option '{args[i]}'.");
                    Console.Error.WriteLine("Usage: CartPole [--optimizer ga|pso (ga)] [--generations N (100)] [--population N (50)] [--episodes N (5)] [--eval-episodes N (20)] [--seed N (42)]");
                    return null;
            }
        }
        return options;
    }
}
