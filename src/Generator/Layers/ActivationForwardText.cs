using DslNet.Model;

namespace DslNet.Generator.Emit;

/// <summary>A layer's declared activation applied in place to its output rows, after the layer's own work.</summary>
internal static class ActivationForwardText
{
    /// <param name="w">Where the call goes.</param>
    /// <param name="activation">The declared activation.</param>
    /// <param name="all">The output rows, as a span expression.</param>
    /// <param name="rowSize">One row's size, over which softmax normalises.</param>
    /// <param name="reluFused">The layer's kernel already applied ReLU (a product's fused epilogue).</param>
    public static void Emit(CodeWriter w, Activation activation, string all, int rowSize, bool reluFused = false)
    {
        switch (activation)
        {
            case Activation.ReLU when !reluFused:
                w.Line($"TensorPrimitives.Max({all}, 0f, {all});");
                break;
            case Activation.Sigmoid:
                w.Line($"TensorPrimitives.Sigmoid({all}, {all});");
                break;
            case Activation.Tanh:
                w.Line($"TensorPrimitives.Tanh({all}, {all});");
                break;
            case Activation.Softmax:
                w.Line($"global::DslNet.CompilerServices.ActivationForward.Softmax({all}, {rowSize});");
                break;
        }
    }
}
