namespace DslNet;

/// <summary>How a <see cref="Trainer"/> runs: epochs, mini-batch size and the shuffling seed.</summary>
public sealed class TrainerOptions
{
    /// <summary>Passes over the training data in <see cref="Trainer.Fit"/>; at least 1.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Samples per mini-batch (the last batch of an epoch may be smaller) and per evaluation batch; at least 1.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Seeds the shuffling of the training samples, so a run can be repeated exactly.</summary>
    public int Seed { get; init; }
}
