namespace DslNet;

/// <summary>The mean loss of a network over a dataset, and its accuracy when the loss is a classification loss.</summary>
/// <param name="Loss">The mean loss per sample.</param>
/// <param name="Accuracy">The fraction of samples classified correctly, in [0, 1]; null for regression losses.</param>
public sealed record Evaluation(float Loss, float? Accuracy);
