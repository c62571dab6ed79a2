using System.Collections.Generic;
using DslNet.Model;

namespace DslNet.Generator.Emit;

/// <summary>
/// The members a network over sequences adds for <c>ISequenceNetwork</c>: sizes that follow the run-time number of
/// time steps, the <c>TimeSteps</c> property that grows the buffers, and <c>IsStateful</c> and <c>ResetState</c> for stateful layers.
/// </summary>
internal static class SequenceMembers
{
    public static void Write(CodeWriter w, string quoted, Shape output, List<LayerEmitter> layers)
    {
        w.Line("/// <summary>Floats in one input sample: TimeSteps × StepInputSize.</summary>");
        w.Line("public int InputSize => _timeSteps * StepInputSize;");
        w.Line(output.IsSequence
            ? "/// <summary>Floats in one output sample: TimeSteps × StepOutputSize.</summary>"
            : "/// <summary>Floats in one output sample: StepOutputSize, the state at each sequence's own last step.</summary>");
        w.Line(output.IsSequence ? "public int OutputSize => _timeSteps * StepOutputSize;" : "public int OutputSize => StepOutputSize;");
        w.Line("int global::DslNet.ISequenceNetwork.StepInputSize => StepInputSize;");
        w.Line("int global::DslNet.ISequenceNetwork.StepOutputSize => StepOutputSize;");
        w.Line($"/// <summary>Whether the output holds every time step ({(output.IsSequence ? "yes" : "no")}: declared by the last layers).</summary>");
        w.Line($"public bool ReturnsSequences => {(output.IsSequence ? "true" : "false")};");
        bool stateful = layers.Exists(layer => layer.CarriesState);
        w.Line($"/// <summary>Whether a recurrent layer carries its state from one batch to the next ({(stateful ? "yes: one is declared Stateful" : "no layer is declared Stateful")}).</summary>");
        w.Line($"public bool IsStateful => {(stateful ? "true" : "false")};");
        w.Line();
        w.Line("/// <summary>The time steps of every input sample; a larger value than ever before grows the buffers, so set it outside the training loop.</summary>");
        using (w.Block("public int TimeSteps"))
        {
            w.Line("get => _timeSteps;");
            using (w.Block("set"))
            using (BusyGuard.Open(w, quoted))
            {
                w.Line($"global::DslNet.CompilerServices.NetworkArguments.CheckTimeSteps(value, {quoted});");
                foreach (var layer in layers) layer.EmitTimeStepsCheck(w, "value", quoted);
                w.Line("EnsureCapacity(_capacity, value);");
                w.Line("_timeSteps = value;");
                w.Line("_trainingBatch = -1; // the kept activations were for another length");
            }
        }
        w.Line();
        w.Line("/// <summary>Sets the carried state of every stateful recurrent layer back to zero.</summary>");
        using (w.Block("public void ResetState()"))
        {
            if (stateful)
            {
                using (BusyGuard.Open(w, quoted)) foreach (var layer in layers) layer.EmitReset(w);
            }
        }
        w.Line();
    }
}
