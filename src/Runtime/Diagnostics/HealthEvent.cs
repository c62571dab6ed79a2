namespace DslNet;

/// <summary>One flag raised by a <see cref="GradientHealthMonitor"/>.</summary>
/// <param name="Issue">What was flagged; its documentation says what <paramref name="Value"/> and <paramref name="Threshold"/> hold.</param>
/// <param name="Step">The training step, counted from 1 over the monitor's life.</param>
/// <param name="Epoch">The epoch of <see cref="Trainer.Fit"/>, counted from 1; 0 for steps outside Fit.</param>
/// <param name="Layer">The layer at fault, by its name in the parameter layout; null for whole-network flags (loss, global norm).</param>
/// <param name="Value">The measured figure.</param>
/// <param name="Threshold">The limit it crossed.</param>
/// <param name="Message">A sentence for people: what, where, how much, and what usually helps.</param>
public sealed record HealthEvent(HealthIssue Issue, long Step, int Epoch, string? Layer, double Value, double Threshold, string Message)
{
    /// <summary>The mini-batch of the epoch, counted from 1, when the <see cref="Trainer"/> knows it; 0 otherwise.</summary>
    public int Batch { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Issue} at step {Step}{(Epoch > 0 ? $" (epoch {Epoch}{(Batch > 0 ? $", batch {Batch}" : "")})" : "")}: {Message}";
}
