namespace DslNet;

/// <summary>What a <see cref="HealthIssue"/> flag does when the <see cref="GradientHealthMonitor"/> raises it (<see cref="GradientHealthOptions"/> sets one per flag).</summary>
public enum HealthAction
{
    /// <summary>Report the flag (<see cref="GradientHealthOptions.Events"/>, <see cref="EpochReport.Health"/>) and train on.</summary>
    Warn,

    /// <summary>
    /// Report the flag, then stop training with a <see cref="TrainingDivergedException"/>. For exploding gradients the
    /// parameters are first put back to their values before the explosion began; other flags leave them as they are
    /// (they are the last good ones).
    /// </summary>
    Stop,
}
