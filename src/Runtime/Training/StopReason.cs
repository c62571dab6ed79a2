namespace DslNet;

/// <summary>Why <see cref="Trainer.Fit"/> ended.</summary>
public enum StopReason
{
    /// <summary>It ran every epoch of <see cref="TrainerOptions.Epochs"/>.</summary>
    EpochsCompleted,

    /// <summary><see cref="TrainerOptions.EarlyStopping"/> stopped it: the watched metric stopped improving.</summary>
    EarlyStopping,
}
