namespace DslNet;

/// <summary>
/// One layer's figures in a <see cref="HealthSummary"/>, measured on its weights (all its parameters when it has
/// no weight slice) and averaged over the steps of the period.
/// </summary>
/// <param name="Layer">The layer's name in the parameter layout.</param>
/// <param name="GradientNorm">The mean L2 norm of the layer's gradient.</param>
/// <param name="UpdateRatio">The mean of ‖update‖ / ‖weights‖ per step; around 1e-3 is the classic healthy value.</param>
/// <param name="WeightNorm">The L2 norm of the weights at the last step.</param>
/// <param name="DeadUnits">Units whose gradient has been exactly zero for <see cref="GradientHealthOptions.DeadUnitSteps"/> steps or more.</param>
/// <param name="Units">The units the layer has (0 when its layout does not say).</param>
public sealed record LayerHealth(string Layer, double GradientNorm, double UpdateRatio, double WeightNorm, int DeadUnits, int Units);
