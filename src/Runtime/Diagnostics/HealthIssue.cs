namespace DslNet;

/// <summary>
/// What a <see cref="HealthEvent"/> flags. Each member says what the event's <see cref="HealthEvent.Value"/>
/// and <see cref="HealthEvent.Threshold"/> hold; <see cref="GradientHealthOptions"/> documents the heuristics.
/// </summary>
public enum HealthIssue
{
    /// <summary>
    /// A lower layer's update-to-weight ratio stayed orders of magnitude below the top layer's for several steps.
    /// Value: the layer's ratio divided by the top layer's; Threshold: <see cref="GradientHealthOptions.VanishingRatio"/>.
    /// </summary>
    VanishingGradients,

    /// <summary>
    /// A layer's update in one step was at least <see cref="GradientHealthOptions.ExplodingUpdateRatio"/> × its weights' norm
    /// (Layer: that layer; Value: ‖Δw‖ / ‖w‖; Threshold: the ratio), or the global gradient norm grew geometrically, step after
    /// step (Layer: null; Value: its growth over the run of steps; Threshold: <see cref="GradientHealthOptions.ExplodingGrowth"/>
    /// raised to <see cref="GradientHealthOptions.ExplodingSteps"/>). Stops training by default (<see cref="GradientHealthOptions.ExplodingAction"/>).
    /// </summary>
    ExplodingGradients,

    /// <summary>
    /// Units whose gradient has been exactly zero for many steps (dying ReLU units) make up a large part of a layer.
    /// Value: the fraction of the layer's units that are dead; Threshold: <see cref="GradientHealthOptions.DeadUnitFraction"/>.
    /// </summary>
    DeadUnits,

    /// <summary>
    /// A layer's weight norm shrank to a tiny fraction of its initial norm.
    /// Value: the norm divided by the initial norm; Threshold: <see cref="GradientHealthOptions.CollapseFraction"/>.
    /// </summary>
    CollapsingWeights,

    /// <summary>
    /// The loss barely moved over the first steps of training.
    /// Value: the relative improvement of the mean loss; Threshold: the improvement needed,
    /// <see cref="GradientHealthOptions.StagnationMinImprovement"/> plus the noise allowance.
    /// </summary>
    StagnatingLoss,

    /// <summary>
    /// The loss, a gradient or a parameter is NaN or infinite; training stops with a <see cref="TrainingDivergedException"/>
    /// (the <see cref="Trainer"/> checks this even without a monitor, see <see cref="TrainerOptions.StopOnNonFinite"/>).
    /// Value: the offending value; Threshold: not used (NaN).
    /// </summary>
    NonFiniteValues,
}
