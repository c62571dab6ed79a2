using DslNet.Checks;

namespace DslNet.Generator.Emit;

/// <summary>
/// The initialisation a weight matrix or kernel and its bias get: He normal before a ReLU, Glorot uniform otherwise, the
/// bias zero. Dense, Conv2D and ConvTranspose2D share it.
/// </summary>
internal static class WeightInitialization
{
    public static void Emit(CodeWriter w, LayerNames names, Activation activation, int weights, int fanIn, int fanOut, int biases)
    {
        string span = $"new global::System.Span<float>(_parameters, {names.WeightOffset}, {weights})";
        w.Line(activation == Activation.ReLU
            ? $"global::DslNet.CompilerServices.WeightInitializer.HeNormal({span}, fanIn: {fanIn}, random); // {names.Name}: ReLU, He"
            : $"global::DslNet.CompilerServices.WeightInitializer.GlorotUniform({span}, fanIn: {fanIn}, fanOut: {fanOut}, random); // {names.Name}: {activation}, Glorot");
        w.Line($"new global::System.Span<float>(_parameters, {names.BiasOffset}, {biases}).Clear();");
    }
}
