using System;

namespace DslNet;

/// <summary>
/// Turns on the <see cref="GradientHealthMonitor"/> in <see cref="TrainerOptions.Health"/> and sets its thresholds.
/// The defaults flag the classic failures and stay quiet on healthy runs; each heuristic is below.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>Vanishing gradients</b>: per layer, the update-to-weight ratio ‖Δw‖ / ‖w‖ of each step. A layer below
/// the top one whose ratio stays under <see cref="VanishingRatio"/> × the top layer's for <see cref="VanishingSteps"/>
/// steps in a row is flagged. The ratio is measured after the optimiser, so an adaptive optimiser that compensates
/// small gradients (Adam) rightly raises nothing.</item>
/// <item><b>Exploding gradients</b>, two ways. One step: a layer's update is at least <see cref="ExplodingUpdateRatio"/> × its
/// weights' norm (‖Δw‖ / ‖w‖, measured after the optimiser), so one step moved the weights further than their whole size: with
/// a learning rate far too large the very first step does this, and saturating activations (tanh, sigmoid) then hide it
/// from the gradient norm, which shrinks as the units saturate. Over several steps: the global gradient norm grows by at least <see cref="ExplodingGrowth"/>× from each
/// step to the next for <see cref="ExplodingSteps"/> steps in a row (geometric growth) and ends above <see cref="ExplodingGrowth"/>×
/// the largest norm seen before the growth began. The second condition keeps quiet the late-training spikes where a near-zero
/// norm doubles a few times on one hard batch and falls back. It is checked before the NaN check, so an explosion that ends
/// in an overflow is named first.</item>
/// <item><b>Dead units</b>: a unit is a column of a layer's 2-D weight slice [inputs, units] together with its bias
/// element (for other layouts, an element of the bias alone). It is dead once that gradient has been exactly zero for
/// <see cref="DeadUnitSteps"/> steps in a row, as for a ReLU unit that no input switches on; the bias keeps a unit whose
/// inputs are all zero (it still learns) from counting. The layer is flagged when dead units reach
/// <see cref="DeadUnitFraction"/> of it.</item>
/// <item><b>Collapsing weights</b>: a layer's weight norm falls below <see cref="CollapseFraction"/> × its norm at the
/// first step monitored (too strong a penalty or weight decay).</item>
/// <item><b>Stagnating loss</b>: checked once, after <see cref="StagnationSteps"/> steps: the mean loss of the last
/// <see cref="StagnationWindow"/> of them improved on the mean of the first <see cref="StagnationWindow"/> by less
/// than <see cref="StagnationMinImprovement"/> (relative) plus twice the standard error of the difference of the two
/// means (relative), so mini-batch noise alone can neither hide nor fake progress.</item>
/// <item><b>NaN or infinity</b> in the loss, a gradient or a parameter: always checked, every step; training stops
/// with a <see cref="TrainingDivergedException"/> and the parameters are restored to the last finite copy.</item>
/// </list>
/// What a flag does is set per flag by <see cref="VanishingAction"/>, <see cref="ExplodingAction"/>, <see cref="DeadUnitAction"/>,
/// <see cref="CollapseAction"/> and <see cref="StagnationAction"/>: <see cref="HealthAction.Warn"/> by default, except exploding
/// gradients, which <see cref="HealthAction.Stop"/> training and put the weights back to their values before the explosion.
/// After an exploding flag no vanishing or dead-unit flag is raised: units saturated or switched off by exploded weights are
/// the explosion's aftermath. Flags are edge-triggered: a condition raises one event when it starts to hold and may raise another only after
/// it has stopped holding. Events arrive at <see cref="Events"/>, in <see cref="GradientHealthMonitor.Events"/>, and
/// in each epoch's <see cref="EpochReport.Health"/>.
/// </remarks>
public sealed class GradientHealthOptions
{
    /// <summary>Receives each flag as it is raised, synchronously, on the training thread; null to only collect them.</summary>
    public IProgress<HealthEvent>? Events { get; init; }

    /// <summary>A lower layer's update ratio below this fraction of the top layer's counts as vanishing; default 1e-3 (three orders of magnitude).</summary>
    public double VanishingRatio { get; init; } = 1e-3;

    /// <summary>Steps in a row the vanishing condition must hold; default 20.</summary>
    public int VanishingSteps { get; init; } = 20;

    /// <summary>The step-to-step growth of the global gradient norm that counts as exploding; default 2.</summary>
    public double ExplodingGrowth { get; init; } = 2;

    /// <summary>
    /// Steps in a row the norm must grow by <see cref="ExplodingGrowth"/>; default 3 (at least 8× in three steps). Real explosions
    /// are fast: a learning rate of 10 overflows floats within about five steps, so a longer run would often be reported as a NaN instead.
    /// </summary>
    public int ExplodingSteps { get; init; } = 3;

    /// <summary>
    /// A layer whose update in one step is at least this multiple of its weights' norm counts as exploding; default 1 (the step
    /// moved the weights further than their own size). Healthy steps are around 1e-3 of it.
    /// </summary>
    public double ExplodingUpdateRatio { get; init; } = 1;

    /// <summary>What a <see cref="HealthIssue.VanishingGradients"/> flag does; default <see cref="HealthAction.Warn"/>.</summary>
    public HealthAction VanishingAction { get; init; } = HealthAction.Warn;

    /// <summary>
    /// What a <see cref="HealthIssue.ExplodingGradients"/> flag does; default <see cref="HealthAction.Stop"/>: training stops
    /// with the weights put back to their values before the explosion began, before the run ruins them.
    /// </summary>
    public HealthAction ExplodingAction { get; init; } = HealthAction.Stop;

    /// <summary>What a <see cref="HealthIssue.DeadUnits"/> flag does; default <see cref="HealthAction.Warn"/>.</summary>
    public HealthAction DeadUnitAction { get; init; } = HealthAction.Warn;

    /// <summary>What a <see cref="HealthIssue.CollapsingWeights"/> flag does; default <see cref="HealthAction.Warn"/>.</summary>
    public HealthAction CollapseAction { get; init; } = HealthAction.Warn;

    /// <summary>What a <see cref="HealthIssue.StagnatingLoss"/> flag does; default <see cref="HealthAction.Warn"/>.</summary>
    public HealthAction StagnationAction { get; init; } = HealthAction.Warn;

    /// <summary>Steps in a row of an exactly-zero gradient after which a unit counts as dead; default 100.</summary>
    public int DeadUnitSteps { get; init; } = 100;

    /// <summary>The fraction of a layer's units that must be dead to flag it; default 0.5.</summary>
    public double DeadUnitFraction { get; init; } = 0.5;

    /// <summary>A weight norm below this fraction of the layer's initial norm counts as collapsed; default 1e-3.</summary>
    public double CollapseFraction { get; init; } = 1e-3;

    /// <summary>The step after which the stagnation check runs, once; default 100.</summary>
    public int StagnationSteps { get; init; } = 100;

    /// <summary>Steps averaged at each end of the stagnation check; default 20 (at most half of <see cref="StagnationSteps"/>).</summary>
    public int StagnationWindow { get; init; } = 20;

    /// <summary>The relative loss improvement below which training counts as stagnating; default 0.01 (1 %).</summary>
    public double StagnationMinImprovement { get; init; } = 0.01;

    /// <summary>Throws when a threshold is out of range, naming it.</summary>
    internal void Validate()
    {
        Positive(VanishingRatio, nameof(VanishingRatio));
        AtLeastOne(VanishingSteps, nameof(VanishingSteps));
        if (!(ExplodingGrowth > 1) || !double.IsFinite(ExplodingGrowth))
        {
            throw new ArgumentOutOfRangeException(nameof(ExplodingGrowth), ExplodingGrowth, $"{nameof(GradientHealthOptions)}.{nameof(ExplodingGrowth)} must be finite and above 1.");
        }
        AtLeastOne(ExplodingSteps, nameof(ExplodingSteps));
        Positive(ExplodingUpdateRatio, nameof(ExplodingUpdateRatio));
        Defined(VanishingAction, nameof(VanishingAction));
        Defined(ExplodingAction, nameof(ExplodingAction));
        Defined(DeadUnitAction, nameof(DeadUnitAction));
        Defined(CollapseAction, nameof(CollapseAction));
        Defined(StagnationAction, nameof(StagnationAction));
        AtLeastOne(DeadUnitSteps, nameof(DeadUnitSteps));
        if (!(DeadUnitFraction > 0 && DeadUnitFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(DeadUnitFraction), DeadUnitFraction, $"{nameof(GradientHealthOptions)}.{nameof(DeadUnitFraction)} must be in (0, 1].");
        }
        Positive(CollapseFraction, nameof(CollapseFraction));
        AtLeastOne(StagnationWindow, nameof(StagnationWindow));
        if (StagnationSteps < 2 * StagnationWindow)
        {
            throw new ArgumentOutOfRangeException(nameof(StagnationSteps), StagnationSteps,
                $"{nameof(GradientHealthOptions)}.{nameof(StagnationSteps)} must be at least twice {nameof(StagnationWindow)} ({StagnationWindow}).");
        }
        if (!(StagnationMinImprovement >= 0) || !double.IsFinite(StagnationMinImprovement))
        {
            throw new ArgumentOutOfRangeException(nameof(StagnationMinImprovement), StagnationMinImprovement, $"{nameof(GradientHealthOptions)}.{nameof(StagnationMinImprovement)} must be finite and non-negative.");
        }
    }

    private static void Positive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{nameof(GradientHealthOptions)}.{name} must be positive and finite.");
        }
    }

    /// <summary>The action for <paramref name="issue"/>; a NaN or infinity always stops.</summary>
    internal HealthAction ActionFor(HealthIssue issue) => issue switch
    {
        HealthIssue.VanishingGradients => VanishingAction,
        HealthIssue.ExplodingGradients => ExplodingAction,
        HealthIssue.DeadUnits => DeadUnitAction,
        HealthIssue.CollapsingWeights => CollapseAction,
        HealthIssue.StagnatingLoss => StagnationAction,
        _ => HealthAction.Stop,
    };

    private static void Defined(HealthAction action, string name)
    {
        if (!Enum.IsDefined(action))
        {
            throw new ArgumentOutOfRangeException(name, action, $"{nameof(GradientHealthOptions)}.{name} must be {nameof(HealthAction.Warn)} or {nameof(HealthAction.Stop)}.");
        }
    }

    private static void AtLeastOne(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{nameof(GradientHealthOptions)}.{name} must be at least 1.");
        }
    }
}
