using System;

namespace DslNet;

/// <summary>
/// Stops <see cref="Trainer.Fit"/> when a metric has not improved for <see cref="Patience"/> epochs, as Keras'
/// <c>EarlyStopping</c> callback does, and by default puts back the weights of the best epoch. An epoch
/// improves when its value beats the best so far by more than <see cref="MinDelta"/> (lower for losses,
/// higher for accuracy). Set it in <see cref="TrainerOptions.EarlyStopping"/>; the returned
/// <see cref="TrainingHistory"/> says whether and why the run stopped.
/// </summary>
public sealed class EarlyStopping
{
    private readonly int _patience = 5;
    private readonly float _minDelta;

    /// <summary>Creates the rule for <paramref name="metric"/>, with patience 5, no minimum delta, restoring the best weights.</summary>
    public EarlyStopping(EarlyStoppingMetric metric = EarlyStoppingMetric.ValidationLoss)
    {
        if (!Enum.IsDefined(metric))
        {
            throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown early-stopping metric.");
        }
        Metric = metric;
    }

    /// <summary>The metric watched.</summary>
    public EarlyStoppingMetric Metric { get; }

    /// <summary>Epochs in a row without improvement after which training stops (1 stops at the first such epoch); default 5.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int Patience
    {
        get => _patience;
        init => _patience = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Patience), value, $"{nameof(EarlyStopping)}: patience must be at least 1.");
    }

    /// <summary>The smallest change that counts as an improvement, in the metric's units; default 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public float MinDelta
    {
        get => _minDelta;
        init => _minDelta = value >= 0 && float.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MinDelta), value, $"{nameof(EarlyStopping)}: the minimum delta must be finite and non-negative.");
    }

    /// <summary>
    /// Whether Fit ends with the parameters of the best epoch (true by default), whether it stopped early or ran
    /// all its epochs. Keeping them costs one copy of the parameters.
    /// </summary>
    public bool RestoreBestWeights { get; init; } = true;

    /// <summary>Lower is better for losses, higher for accuracy.</summary>
    internal bool HigherIsBetter => Metric == EarlyStoppingMetric.ValidationAccuracy;

    /// <summary>The metric's name in messages.</summary>
    internal string MetricName => Metric switch
    {
        EarlyStoppingMetric.ValidationLoss => "validation loss",
        EarlyStoppingMetric.ValidationAccuracy => "validation accuracy",
        _ => "training loss",
    };

    /// <inheritdoc />
    public override string ToString() =>
        $"early stopping on {MetricName}, patience {Patience}, min delta {MinDelta:G3}{(RestoreBestWeights ? ", restoring the best weights" : "")}";
}
