namespace DslNet;

/// <summary>
/// How an <see cref="AutoencoderTrainer"/> runs, and the base of <see cref="VaeOptions"/> and <see cref="GanOptions"/>:
/// epochs, mini-batch size and the seed of the shuffling (and of the noise, for the models that draw it).
/// </summary>
public class GenerativeTrainerOptions
{
    /// <summary>Passes over the training data; at least 1.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Samples per mini-batch (the last batch of an epoch may be smaller) and per evaluation batch; at least 1.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Seeds the shuffling and every noise draw, so a run can be repeated exactly.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Stops training with a <see cref="TrainingDivergedException"/> at the first step whose loss, gradients or parameters hold a NaN or
    /// infinity, naming the step and the tensor (<c>encoder/dense1.weight</c>, <c>loss</c>), with each network's parameters of
    /// the last finite step; default true. False trains on regardless.
    /// </summary>
    public bool StopOnNonFinite { get; init; } = true;

    /// <summary>Throws when <see cref="Epochs"/> or <see cref="BatchSize"/> is below 1; the trainers call it once.</summary>
    internal void Check(string trainer)
    {
        if (Epochs < 1) throw new System.ArgumentException($"{trainer}: {nameof(Epochs)} must be at least 1, got {Epochs}.", "options");
        if (BatchSize < 1) throw new System.ArgumentException($"{trainer}: {nameof(BatchSize)} must be at least 1, got {BatchSize}.", "options");
    }
}
