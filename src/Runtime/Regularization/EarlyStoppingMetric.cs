namespace DslNet;

/// <summary>What <see cref="EarlyStopping"/> watches after each epoch.</summary>
public enum EarlyStoppingMetric
{
    /// <summary>The validation loss (data loss, without penalties); lower is better. Needs validation data.</summary>
    ValidationLoss,

    /// <summary>The validation accuracy; higher is better. Needs validation data and a classification loss.</summary>
    ValidationAccuracy,

    /// <summary>The epoch's training loss (penalties included); lower is better. For runs without validation data.</summary>
    TrainingLoss,
}
