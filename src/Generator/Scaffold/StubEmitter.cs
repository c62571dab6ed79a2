using DslNet.Generator.Declaration;

namespace DslNet.Generator.Emit;

/// <summary>
/// Writes the stand-in for a network with errors: the same public surface, so the user's other code
/// still compiles and the build shows the DslNet errors alone, not forty follow-on ones.
/// </summary>
internal static class StubEmitter
{
    public static string Emit(NetworkTarget target)
    {
        var w = new CodeWriter();
        string fail = $"throw new global::System.InvalidOperationException(\"{target.Name} was not generated: its declaration has DslNet errors (see the DN diagnostics of the build).\")";
        TypeScaffold.WriteHeader(w);
        using (TypeScaffold.Open(w, target))
        {
            w.Line("/// <summary>Not generated: the declaration has errors; this stub only keeps the rest of the project compiling.</summary>");
            using (w.Block($"partial class {target.Name} : global::DslNet.INetwork"))
            {
                w.Line("public const int InputSize = 0;");
                w.Line("public const int OutputSize = 0;");
                w.Line("public const int ParameterCount = 0;");
                w.Line($"public {target.Name}(int seed = 0, int batchCapacity = 32) => {fail};");
                w.Line("int global::DslNet.INetwork.InputSize => InputSize;");
                w.Line("int global::DslNet.INetwork.OutputSize => OutputSize;");
                w.Line("int global::DslNet.INetwork.ParameterCount => ParameterCount;");
                w.Line($"public global::DslNet.Activation OutputActivation => {fail};");
                w.Line($"public global::System.Span<float> Parameters => {fail};");
                w.Line($"public global::System.Span<float> Gradients => {fail};");
                w.Line($"public global::DslNet.ParameterLayout Layout => {fail};");
                w.Line($"public void InitializeParameters(int seed) => {fail};");
                w.Line($"public void Forward(global::System.ReadOnlySpan<float> input, global::System.Span<float> output, int batch, bool training = false) => {fail};");
                w.Line($"public void Backward(global::System.ReadOnlySpan<float> outputGradient, global::System.Span<float> inputGradient, int batch) => {fail};");
                w.Line($"public void BackwardFromPreActivation(global::System.ReadOnlySpan<float> preActivationGradient, global::System.Span<float> inputGradient, int batch) => {fail};");
                w.Line($"public void ZeroGradients() => {fail};");
            }
        }
        return w.ToString();
    }
}
