namespace DslNet;

/// <summary>
/// Where <see cref="Trainer.Fit"/> is within a run, reported after every mini-batch step: enough for a console
/// progress bar (<see cref="RunFraction"/>, or <see cref="Batch"/> of <see cref="Batches"/> per epoch) and a running
/// loss. A struct, so reporting it allocates nothing; <see cref="Trainer.Fit"/> calls the progress synchronously, on
/// the training thread, so keep the handler short (a progress bar that redraws a few times a second is fine).
/// </summary>
/// <param name="Epoch">The epoch, counted from 1.</param>
/// <param name="Epochs">The number of epochs in the run (early stopping may end it sooner).</param>
/// <param name="Batch">The mini-batch just trained in this epoch, counted from 1.</param>
/// <param name="Batches">The mini-batches per epoch: ⌈training samples / batch size⌉.</param>
/// <param name="Loss">The mean loss of this batch, penalties included, before the update.</param>
/// <param name="EpochLoss">The mean loss over the epoch's samples so far, as <see cref="EpochReport.TrainingLoss"/> will average it.</param>
public readonly record struct BatchReport(int Epoch, int Epochs, int Batch, int Batches, float Loss, float EpochLoss)
{
    /// <summary>The share of the epoch done, in (0, 1].</summary>
    public double EpochFraction => (double)Batch / Batches;

    /// <summary>The share of the whole run done, in (0, 1], counting every epoch as planned.</summary>
    public double RunFraction => ((Epoch - 1) * (double)Batches + Batch) / ((double)Epochs * Batches);
}
