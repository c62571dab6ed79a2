using System;

namespace DslNet;

/// <summary>
/// A loss bound to the network whose output it scores: computes the loss, back-propagates its gradient through that
/// network (through the fused pre-activation entry when the loss asks for it) and hands back the gradient with respect
/// to the network's input. This is how the gradient of a decoder's or discriminator's loss reaches the network in front.
/// </summary>
internal sealed class LossThroughNetwork
{
    private readonly ILoss _loss;
    private readonly INetwork _network;
    private readonly LossGradientTarget _target;
    private float[] _gradient = [];

    /// <exception cref="ArgumentException">The loss does not fit the network's output activation.</exception>
    public LossThroughNetwork(ILoss loss, INetwork network)
    {
        _target = loss.GradientTarget(network.OutputActivation);
        _loss = loss;
        _network = network;
    }

    /// <summary>
    /// The loss of <paramref name="output"/> (the network's last training forward) against <paramref name="target"/>, times
    /// <paramref name="scale"/>; adds the scaled parameter gradients to the network and writes dLoss/dInput into
    /// <paramref name="inputGradient"/> (empty to skip).
    /// </summary>
    public float Backward(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> inputGradient, int batch, float scale = 1f)
    {
        if (_gradient.Length < output.Length) _gradient = new float[output.Length];
        Span<float> gradient = _gradient.AsSpan(0, output.Length);
        float loss = _loss.Compute(output, target, gradient, batch, _network.OutputActivation);
        if (scale != 1f) System.Numerics.Tensors.TensorPrimitives.Multiply(gradient, scale, gradient);
        if (_target == LossGradientTarget.PreActivation) _network.BackwardFromPreActivation(gradient, inputGradient, batch);
        else _network.Backward(gradient, inputGradient, batch);
        return loss * scale;
    }

    /// <summary>The loss alone, times <paramref name="scale"/>, without touching any gradient.</summary>
    public float Measure(ReadOnlySpan<float> output, ReadOnlySpan<float> target, int batch, float scale = 1f) =>
        _loss.Compute(output, target, Span<float>.Empty, batch, _network.OutputActivation) * scale;
}
