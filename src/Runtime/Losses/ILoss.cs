using System;

namespace DslNet;

/// <summary>
/// A training objective: the mean loss of a batch and its gradient, with respect to either the network
/// output or the last layer's pre-activation (see <see cref="LossGradientTarget"/>).
/// </summary>
public interface ILoss
{
    /// <summary>A short name for reports and error messages.</summary>
    string Name { get; }

    /// <summary>Whether the targets are classes; accuracy is reported only for these losses.</summary>
    bool IsClassification { get; }

    /// <summary>
    /// Checks the loss fits a network whose last layer has <paramref name="outputActivation"/> and says which
    /// backward entry the gradient feeds.
    /// </summary>
    /// <exception cref="ArgumentException">The loss cannot be used with this activation; the message names the loss, the activation and what it needs.</exception>
    LossGradientTarget GradientTarget(Activation outputActivation);

    /// <summary>
    /// Returns the mean loss over the batch and writes d(mean loss)/d(output or pre-activation, as
    /// <see cref="GradientTarget"/> says) into <paramref name="gradient"/>.
    /// </summary>
    /// <param name="output">The network output, [batch, outputSize] row-major.</param>
    /// <param name="target">The targets, same shape as <paramref name="output"/>.</param>
    /// <param name="gradient">Receives the gradient, same shape as <paramref name="output"/>; an empty span skips it.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="outputActivation">The activation that produced <paramref name="output"/>.</param>
    /// <exception cref="ArgumentException">A length does not fit the batch (the message names expected and actual sizes), or the activation does not fit the loss.</exception>
    float Compute(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> gradient, int batch, Activation outputActivation);
}
