using System.Globalization;
using DslNet.Checks;
using DslNet.Model;

namespace DslNet.Generator.Emit;

/// <summary>
/// Batch normalisation: the runtime's <c>BatchNormalization</c> does the work with the literal sizes. Training
/// normalises with the batch's statistics (kept in two fixed fields for backward) and, on the network itself but not on
/// its data-parallel replicas (which share its parameters), updates the running statistics held as state in the
/// parameter vector; inference uses the running statistics.
/// </summary>
internal sealed class BatchNormEmitter : LayerEmitter
{
    private readonly BatchNormSpec _norm;

    public BatchNormEmitter(LayerShape shape) : base(shape) => _norm = (BatchNormSpec)shape.Layer;

    public int Channels => BatchNormSpec.Channels(Shape.Input);

    private int Positions => Shape.Input.Size / Channels;

    private string Sizes => $"{Batch}, {Channels}, {Positions}";

    private string Part(string array, string part) => $"new global::System.Span<float>({array}, {Names.Offset(part)}, {Channels})";

    private string Momentum => Literal(_norm.Momentum);

    /// <summary>ε as a float literal.</summary>
    public string Epsilon => Literal(_norm.Epsilon);

    /// <summary>The offsets of γ, β, the running mean and the running variance, in that order, for a producer's folded pass.</summary>
    public string FoldOffsets => $"{Names.Offset("gain")}, {Names.Offset("bias")}, {Names.Offset("runningMean")}, {Names.Offset("runningVariance")}";

    private string UpdatesRunning => Names.Field("UpdatesRunning");

    public override string Header =>
        $"// {Names.Name}: BatchNorm over {Channels} {(Shape.Input.Rank == 1 ? "features" : "channels")} of {Shape.Input}: y = {Formula}, batch statistics in training, running ones ({Momentum}) at inference";

    private string Formula => _norm.Activation switch
    {
        Activation.Linear => $"γ·(x − μ)/√(σ² + {Epsilon}) + β",
        Activation.ReLU => $"max(0, γ·(x − μ)/√(σ² + {Epsilon}) + β)",
        _ => $"{_norm.Activation.ToString().ToLowerInvariant()}(γ·(x − μ)/√(σ² + {Epsilon}) + β)",
    };

    public override LayerDescriptionText Description => new("BatchNormDescription", Momentum, Epsilon, ArchitectureEmitter.Activation(_norm.Activation));

    public override void EmitFields(CodeWriter w)
    {
        w.Line($"private readonly float[] {Names.Field("BatchMean")} = new float[{Channels}]; // μ of the last training batch");
        w.Line($"private readonly float[] {Names.Field("BatchInverse")} = new float[{Channels}]; // 1/√(σ² + ε) of the last training batch");
        w.Line($"private readonly double[] {Names.Field("GradientSums")} = new double[{2 * Channels}]; // Σ g and Σ g·x̂ per channel, from the parameter gradients to the input gradient");
        w.Line($"private readonly bool {UpdatesRunning} = true; // false on replicas: the network itself updates the shared running statistics");
    }

    public override void EmitReplicaSetup(CodeWriter w) => w.Line($"{UpdatesRunning} = false;");

    public override void EmitInitialization(CodeWriter w)
    {
        w.Line($"{Part("_parameters", "gain")}.Fill(1f);");
        w.Line($"{Part("_parameters", "bias")}.Clear();");
        w.Line($"{Part("_parameters", "runningMean")}.Clear();");
        w.Line($"{Part("_parameters", "runningVariance")}.Fill(1f);");
    }

    public override void EmitForwardCall(CodeWriter w, string input, string output)
    {
        w.Line("if (training)");
        using (w.Block(string.Empty))
        {
            EmitTrainingNormalization(w, input, output);
        }
        w.Line("else");
        using (w.Block(string.Empty))
        {
            w.Line($"global::DslNet.CompilerServices.BatchNormalization.InferenceForward({input}, {output}, {Part("_parameters", "gain")}, {Part("_parameters", "bias")}, {Part("_parameters", "runningMean")}, {Part("_parameters", "runningVariance")}, {Sizes}, {Epsilon}); // {Names.Name}");
        }
        EmitActivation(w, output);
    }

    /// <summary>The training forward alone, for a layer that folds this one into its inference pass (<see cref="BatchNormFold"/>).</summary>
    public void EmitTrainingForwardCall(CodeWriter w, string input, string output)
    {
        EmitTrainingNormalization(w, input, output);
        EmitActivation(w, output);
    }

    private void EmitTrainingNormalization(CodeWriter w, string input, string output) =>
        w.Line($"global::DslNet.CompilerServices.BatchNormalization.TrainingForward({input}, {output}, {Part("_parameters", "gain")}, {Part("_parameters", "bias")}, {Part("_parameters", "runningMean")}, {Part("_parameters", "runningVariance")}, {Names.Field("BatchMean")}, {Names.Field("BatchInverse")}, {UpdatesRunning}, {Sizes}, {Momentum}, {Epsilon}); // {Names.Name}");

    private void EmitActivation(CodeWriter w, string output) =>
        ActivationForwardText.Emit(w, _norm.Activation, $"((global::System.Span<float>){output}).Slice(0, {Batch} * {OutputSize})", OutputSize);

    public override void EmitParameterGradientsCall(CodeWriter w, string input, string delta) =>
        w.Line($"global::DslNet.CompilerServices.BatchNormalization.ParameterGradients({input}, {delta}, {Names.Field("BatchMean")}, {Names.Field("BatchInverse")}, {Part("_gradients", "gain")}, {Part("_gradients", "bias")}, {Names.Field("GradientSums")}, {Sizes}); // {Names.Name}");

    public override void EmitInputGradientCall(CodeWriter w, string input, string delta, string target) =>
        w.Line($"global::DslNet.CompilerServices.BatchNormalization.InputGradient({input}, {delta}, {Part("_parameters", "gain")}, {Names.Field("BatchMean")}, {Names.Field("BatchInverse")}, {Names.Field("GradientSums")}, {target}, {Sizes}); // {Names.Name}");

    private static string Literal(double value) => ((float)value).ToString("R", CultureInfo.InvariantCulture) + "f";
}
