namespace DslNet;

/// <summary>Which of a network's backward entries a loss gradient feeds.</summary>
public enum LossGradientTarget
{
    /// <summary>The gradient is with respect to the network output: <see cref="INetwork.Backward"/>.</summary>
    Output = 0,

    /// <summary>
    /// The gradient is with respect to the last layer's pre-activation (the fused softmax or sigmoid
    /// cross-entropy form): <see cref="INetwork.BackwardFromPreActivation"/>.
    /// </summary>
    PreActivation = 1,
}
