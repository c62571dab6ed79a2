using System.Collections.Generic;
using DslNet.Checks;
using DslNet.Model;

namespace DslNet.Generator.Emit;

/// <summary>
/// Writes one layer's part of a network class. <see cref="NetworkEmitter"/> owns the order, the buffers
/// between layers and the activation backward between them; a layer emitter owns its parameters, its own
/// scratch buffers and its forward, parameter-gradient and input-gradient methods.
/// Tensors are row-major [batch, ...shape] float buffers; every size but the batch is a literal.
/// </summary>
internal abstract class LayerEmitter
{
    protected LayerEmitter(LayerShape shape)
    {
        Shape = shape;
        Names = new LayerNames(shape.Layer);
    }

    public LayerShape Shape { get; }

    public LayerNames Names { get; }

    protected int InputSize => Shape.Input.Size;

    /// <summary>
    /// The rows a per-sample layer's methods run over: <c>batch</c>, or <c>rows</c> (batch × time steps, in scope in
    /// a sequence network) for a layer applied to every time step of a sequence with the same parameters.
    /// </summary>
    protected string Batch => Shape.Input.IsSequence ? "rows" : "batch";

    /// <summary>Whether the layer's output is a sequence: its buffers then hold batch × time-step rows.</summary>
    public bool OutputIsSequence => Shape.Output.IsSequence;

    protected int OutputSize => Shape.Output.Size;

    /// <summary>The activation applied to the layer's output; the network emitter writes its backward.</summary>
    public Activation Activation => Shape.Layer.DeclaredActivation ?? Activation.Linear;

    /// <summary>A view (Flatten): the output is the input read with another shape, so no buffer and no code.</summary>
    public bool IsView => Shape.Layer.IsView;

    /// <summary>
    /// Every output is one of the inputs and its gradient goes to that input alone (max pooling), so an element-wise
    /// mask of the input's activation can be applied to the output gradient instead, on fewer values.
    /// </summary>
    public virtual bool PassesOneInput => false;

    /// <summary>The slices this layer adds to the parameter vector, in order, as shape inference listed them.</summary>
    public IReadOnlyList<ParameterPart> Parameters => Shape.Parameters;

    /// <summary>
    /// The layer's record in the network's run-time <c>Description</c> (for exporters): which record and which options
    /// follow the name and shapes.
    /// </summary>
    public abstract LayerDescriptionText Description { get; }

    /// <summary><c>// dense1: Dense [784]→[128], ReLU: y = max(0, x·W + b)</c>, above the layer's code.</summary>
    public abstract string Header { get; }

    /// <summary>
    /// The layer's own fields besides the parameters and its output and gradient buffers: fixed-size ones (transposed
    /// weights, a runtime layer's buffers object, ...) and declarations of batch-sized ones that <see cref="EmitCapacity"/> sizes.
    /// </summary>
    public virtual void EmitFields(CodeWriter w)
    {
    }

    /// <summary>Allocation of batch-sized scratch buffers, inside EnsureCapacity (<c>batch</c> in scope).</summary>
    public virtual void EmitCapacity(CodeWriter w)
    {
    }

    /// <summary>
    /// Inside the replica constructor (<c>source</c>, the network replicated, and <c>stream</c> in scope): state that
    /// is neither a parameter nor a buffer EnsureCapacity makes, such as a dropout layer's random stream.
    /// </summary>
    public virtual void EmitReplicaSetup(CodeWriter w)
    {
    }

    /// <summary>Whether the layer carries its state from one batch to the next (a stateful recurrent layer).</summary>
    public virtual bool CarriesState => false;

    /// <summary>Inside ResetState of a sequence network: clears the state a stateful layer carries between batches.</summary>
    public virtual void EmitReset(CodeWriter w)
    {
    }

    /// <summary>
    /// Where a sequence network's time steps are set (constructor, TimeSteps), after the check that they are positive:
    /// a layer that holds a row per position throws there, not in a step.
    /// </summary>
    public virtual void EmitTimeStepsCheck(CodeWriter w, string timeSteps, string network)
    {
    }

    /// <summary>Inside InitializeParameters (<c>random</c> in scope).</summary>
    public virtual void EmitInitialization(CodeWriter w)
    {
    }

    /// <summary>The forward call inside Forward (<c>batch</c> and <c>training</c> in scope); by default <c>{Layer}Forward(input, output, rows)</c>.</summary>
    public virtual void EmitForwardCall(CodeWriter w, string input, string output) =>
        w.Line($"{Names.Pascal}Forward({input}, {output}, {Batch});");

    /// <summary>The forward call of a layer that reads several tensors (a merge layer), from their buffers in order.</summary>
    public virtual void EmitForwardCall(CodeWriter w, IReadOnlyList<string> inputs, string output) => EmitForwardCall(w, inputs[0], output);

    /// <summary>
    /// Lets the layer take <paramref name="next"/>, the first layer after it or after the last one it took, into its own
    /// inference pass when it can (a Dense or convolution a BatchNorm, a convolution its 2×2 max pooling); whether it did.
    /// The network offers the next layer only while each taken layer's output has that layer as its one reader.
    /// </summary>
    public virtual bool FuseWith(LayerEmitter next) => false;

    /// <summary>How many of the layers after this one Forward runs inside this one's call (<see cref="EmitFusedForwardCall"/>).</summary>
    public virtual int FusedFollowers => 0;

    /// <summary>
    /// For <see cref="FusedFollowers"/>: the forward of this layer and those it took, from <paramref name="input"/>;
    /// <paramref name="outputs"/> holds this layer's output buffer, then each taken layer's.
    /// </summary>
    public virtual void EmitFusedForwardCall(CodeWriter w, string input, IReadOnlyList<string> outputs) =>
        throw new System.InvalidOperationException(Names.Name + " runs no next layer");

    /// <summary>
    /// Whether the layer writes zeros at a sequence's steps past its length and ignores their gradient itself (a recurrent
    /// layer); otherwise the network clears them after a layer that produces its sequence output.
    /// </summary>
    public virtual bool ZeroesPastLengths => false;

    /// <summary>Adds dL/dθ from the layer input (as kept for backward) and dL/dz.</summary>
    public virtual void EmitParameterGradientsCall(CodeWriter w, string input, string delta)
    {
    }

    /// <summary>Writes dL/dx into <paramref name="target"/> from dL/dz and the layer's input <paramref name="input"/> (as kept for backward); by default <c>{Layer}InputGradient(delta, target, rows)</c>.</summary>
    public virtual void EmitInputGradientCall(CodeWriter w, string input, string delta, string target) =>
        w.Line($"{Names.Pascal}InputGradient({delta}, {target}, {Batch});");

    /// <summary>
    /// Writes dL/d(input number <paramref name="source"/>, kept for backward in <paramref name="input"/>) into <paramref name="target"/> (a buffer, or <c>inputGradient</c>), or,
    /// when <paramref name="accumulate"/> (another reader of that tensor wrote its share first), adds it to
    /// <paramref name="targetSpan"/>: by default through <paramref name="scratch"/>, a span of the same length.
    /// </summary>
    public virtual void EmitInputGradientCall(CodeWriter w, int source, string input, string delta, string target, string targetSpan, bool accumulate, string scratch)
    {
        if (!accumulate)
        {
            EmitInputGradientCall(w, input, delta, target);
            return;
        }
        EmitInputGradientCall(w, input, delta, scratch);
        w.Line($"TensorPrimitives.Add({targetSpan}, {scratch}, {targetSpan}); // {Names.Name}'s share, added to the other readers'");
    }

    /// <summary>
    /// Whether every input's gradient is dL/dz itself (Add): an input only this layer reads then uses this layer's
    /// gradient buffer as its own, with no copy.
    /// </summary>
    public virtual bool PassesGradientUnchanged => false;

    /// <summary>Whether <see cref="EmitInputGradientCall(CodeWriter, int, string, string, string, string, bool, string)"/> adds without a scratch buffer.</summary>
    public virtual bool AccumulatesInputGradient => false;

    /// <summary>The emitter for a layer, from the kind's line in <see cref="LayerEmitters"/>.</summary>
    public static LayerEmitter For(LayerShape shape) => LayerEmitters.For(shape);
}
