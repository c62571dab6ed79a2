namespace DslNet;

/// <summary>
/// The loss a network is declared to train with, so that shape inference can check it fits the output
/// (<c>[Network(Loss = LossKind.SoftmaxCrossEntropy)]</c>, or <c>loss softmax_cross_entropy</c> in a .dnn file).
/// </summary>
public enum LossKind
{
    /// <summary>Not declared: the loss is chosen when the Trainer is built.</summary>
    None = 0,
    /// <summary>Mean squared error: any output.</summary>
    MeanSquaredError = 1,
    /// <summary>Binary cross-entropy: outputs in (0, 1) (Sigmoid) or logits (Linear).</summary>
    BinaryCrossEntropy = 2,
    /// <summary>Softmax cross-entropy: a class dimension of at least 2, Softmax or logits (Linear).</summary>
    SoftmaxCrossEntropy = 3,
}
