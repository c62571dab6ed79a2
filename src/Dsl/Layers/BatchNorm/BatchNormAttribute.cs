using System;

namespace DslNet;

/// <summary>
/// Batch normalisation (PyTorch's <c>BatchNorm1d</c>/<c>BatchNorm2d</c>, Keras' <c>BatchNormalization</c>): after a Dense
/// layer per feature, after a convolution per channel. Training normalises with the batch's mean and variance and updates
/// running estimates of both; inference normalises with the running estimates. Then a learned gain γ (starting at 1) and
/// bias β (starting at 0). The running statistics are kept in the parameter vector as state (<c>ParameterKind.State</c> in the layout):
/// not trained, saved by checkpoints.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class BatchNormAttribute : Attribute
{
    /// <summary>How far each training batch moves the running estimates: <c>running = (1 − m)·running + m·batch</c>; 0.1 by default, as PyTorch.</summary>
    public double Momentum { get; set; } = 0.1;

    /// <summary>Added to the variance under the square root; 1e-5 by default, as PyTorch.</summary>
    public double Epsilon { get; set; } = 1e-5;

    /// <summary>
    /// Applied after the gain and bias; <see cref="DslNet.Activation.Linear"/> (none) by default. ResNet's
    /// convolution, batch normalisation, ReLU is <c>[Conv2D(...)]</c> then <c>[BatchNorm(Activation = Activation.ReLU)]</c>.
    /// </summary>
    public Activation Activation { get; set; }

    /// <summary>The layer's name in the parameter layout and generated code; <c>batchnorm{n}</c> by default.</summary>
    public string? Name { get; set; }

    /// <summary>The layer this one reads, by name (<c>"input"</c> for the network's input); by default the layer declared before it.</summary>
    public string? From { get; set; }
}
