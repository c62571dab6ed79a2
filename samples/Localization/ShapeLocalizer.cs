using DslNet;

namespace LocalizationSample;

/// <summary>
/// 1×16×16 → Conv 8@3×3 same ReLU → MaxPool 2 → Conv 16@3×3 same ReLU → MaxPool 2 → Dense 64 ReLU → Dense 7 linear:
/// a classifier's body whose head gives 3 class logits (rectangle, ellipse, triangle) followed by the bounding box
/// (centre x, centre y, width, height, as fractions of the image side).
/// </summary>
[Network]
[Input(1, 16, 16)]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(64, Activation = Activation.ReLU)]
[Dense(7)]
public partial class ShapeLocalizer { }
