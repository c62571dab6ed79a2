using DslNet;

namespace DslNet.EndToEnd.Tests.Heads;

// The networks of the samples ImageRegression, Segmentation and Localization: a classifier's convolutional body
// with the head swapped for the task.

/// <summary>Regression: the radius of a disc as one linear number (samples/ImageRegression's DiscRadiusCnn).</summary>
[Network(Loss = LossKind.MeanSquaredError)]
[Input(1, 16, 16)]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(32, Activation = Activation.ReLU)]
[Dense(1)]
public partial class HeadDiscRadiusCnn { }

/// <summary>
/// Segmentation: fully convolutional, a linear 1×1 convolution giving 3 logits per pixel (samples/Segmentation's
/// ShapeSegmenter). Four 3×3 layers let each pixel see 9×9; three learned far more slowly in the tests' budget.
/// </summary>
[Network]
[Input(1, 12, 12)]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Conv2D(3, 1)]
public partial class HeadShapeSegmenter { }

/// <summary>Localisation: 3 class logits and a 4-number box from one linear layer (samples/Localization's ShapeLocalizer).</summary>
[Network]
[Input(1, 16, 16)]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(64, Activation = Activation.ReLU)]
[Dense(7)]
public partial class HeadShapeLocalizer { }

/// <summary>A per-pixel head with a sigmoid on it, which the per-pixel softmax loss must refuse.</summary>
[Network]
[Input(1, 4, 4)]
[Conv2D(2, 1, Activation = Activation.Sigmoid)]
public partial class HeadSigmoidPixels { }
