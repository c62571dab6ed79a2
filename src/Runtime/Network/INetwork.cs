using System;

namespace DslNet;

/// <summary>
/// What every generated network offers the runtime: flat views of all parameters and of their
/// gradients (one layout, so an optimiser, a checkpoint or a gradient check sees one vector),
/// the layout table, and batched forward and backward passes. Tensors are row-major
/// <c>[batch, ...shape]</c> spans of floats.
/// </summary>
public interface INetwork
{
    /// <summary>Floats in one input sample.</summary>
    int InputSize { get; }

    /// <summary>Floats in one output sample.</summary>
    int OutputSize { get; }

    /// <summary>The length of <see cref="Parameters"/> and <see cref="Gradients"/>.</summary>
    int ParameterCount { get; }

    /// <summary>The activation of the last layer; losses use it to fuse their gradient (softmax + cross-entropy gives p − y).</summary>
    Activation OutputActivation { get; }

    /// <summary>Every weight and bias, in <see cref="Layout"/> order.</summary>
    Span<float> Parameters { get; }

    /// <summary>Gradients of the loss, same layout as <see cref="Parameters"/>; <see cref="Backward"/> adds to them.</summary>
    Span<float> Gradients { get; }

    /// <summary>Which slice of <see cref="Parameters"/> belongs to which layer.</summary>
    ParameterLayout Layout { get; }

    /// <summary>Refills the parameters from <paramref name="seed"/>: He for ReLU layers, Glorot otherwise, biases zero.</summary>
    void InitializeParameters(int seed);

    /// <summary>
    /// Computes <paramref name="output"/> [batch, OutputSize] from <paramref name="input"/> [batch, InputSize].
    /// With <paramref name="training"/> the network keeps what <see cref="Backward"/> needs.
    /// </summary>
    void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, bool training = false);

    /// <summary>
    /// Back-propagates the gradient of the loss with respect to the output [batch, OutputSize] through
    /// the last training <see cref="Forward"/>: adds parameter gradients to <see cref="Gradients"/> and
    /// writes the gradient with respect to the input [batch, InputSize] (pass an empty span to skip it).
    /// </summary>
    void Backward(ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch);

    /// <summary>
    /// As <see cref="Backward"/>, but the gradient is with respect to the last layer's pre-activation
    /// (its input to <see cref="OutputActivation"/>): the fused form of softmax or sigmoid cross-entropy.
    /// </summary>
    void BackwardFromPreActivation(ReadOnlySpan<float> preActivationGradient, Span<float> inputGradient, int batch);

    /// <summary>Sets every gradient to zero, before a new accumulation.</summary>
    void ZeroGradients();

    /// <summary>
    /// A network of the same architecture that reads this one's parameters (the same memory, so an update is seen by
    /// both) and has its own gradients, buffers and dropout streams: <see cref="DataParallelNetwork"/> runs one per
    /// thread over its own rows of a batch, and <see cref="NetworkPool{TNetwork}"/> lends one to each concurrent call.
    /// One instance runs one call at a time (a generated one throws <see cref="InvalidOperationException"/> when a second
    /// thread enters), so each thread needs its own. <paramref name="stream"/> tells replicas' random streams apart.
    /// Generated networks implement it; other implementations need not.
    /// </summary>
    /// <exception cref="NotSupportedException">The network cannot be replicated.</exception>
    INetwork CreateReplica(int stream) =>
        throw new NotSupportedException($"{GetType().Name} cannot be replicated for data-parallel training: it does not implement {nameof(INetwork)}.{nameof(CreateReplica)}.");
}
