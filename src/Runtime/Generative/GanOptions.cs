namespace DslNet;

/// <summary>How a <see cref="GanTrainer"/> runs: the common options plus the number of discriminator steps per generator step.</summary>
public sealed class GanOptions : GenerativeTrainerOptions
{
    /// <summary>
    /// Discriminator updates before each generator update (the k of Goodfellow et al.); at least 1. Each uses its own
    /// batch of real samples, so an epoch holds <c>training count / (BatchSize · k)</c> generator steps.
    /// </summary>
    public int DiscriminatorSteps { get; init; } = 1;
}
