using System;

namespace SegmentationSample;

/// <summary>The sample's command line: <c>--epochs N --train N --test N --seed N</c>.</summary>
internal sealed record SampleOptions(int Epochs, int TrainingCount, int TestCount, int Seed)
{
    public const string Usage = "Usage: Segmentation [--epochs N (15)] [--train N (2000)] [--test N (500)] [--seed N (42)]";

    /// <summary>The options, or null after printing the usage (for --help, or what is wrong).</summary>
    public static SampleOptions? Parse(string[] args)
    {
        var options = new SampleOptions(15, 2000, 500, 42);
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--epochs" when int.TryParse(value, out int epochs) && epochs > 0: options = options with { Epochs = epochs }; i++; break;
                case "--train" when int.TryParse(value, out int count) && count > 0: options = options with { TrainingCount = count }; i++; break;
                case "--test" when int.TryParse(value, out int count) && count > 0: options = options with { TestCount = count }; i++; break;
                case "--seed" when int.TryParse(value, out int seed): options = options with { Seed = seed }; i++; break;
                case "--help" or "-h":
                    Console.WriteLine(Usage);
                    return null;
                default:
                    Console.Error.WriteLine($"Unknown or incomplete option '{args[i]}'.");
                    Console.Error.WriteLine(Usage);
                    return null;
            }
        }
        return options;
    }
}
