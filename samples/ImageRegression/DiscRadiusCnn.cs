using DslNet;

namespace ImageRegressionSample;

/// <summary>
/// 1×16×16 → Conv 8@3×3 same ReLU → MaxPool 2 → Conv 16@3×3 same ReLU → MaxPool 2 → Dense 32 ReLU → Dense 1:
/// a classifier's body with a one-number linear head, the disc's radius in pixels.
/// </summary>
[Network(Loss = LossKind.MeanSquaredError)]
[Input(1, 16, 16)]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(32, Activation = Activation.ReLU)]
[Dense(1)]
public partial class DiscRadiusCnn { }
