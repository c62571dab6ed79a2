using DslNet;

namespace SegmentationSample;

/// <summary>
/// 1×12×12 → four Conv 8@3×3 same ReLU → Conv 3@1×1 linear: a fully convolutional network whose output keeps the
/// image's 12×12 grid, with one logit per class (background, square, disc) at each pixel. Each pixel sees a 9×9
/// window, enough to tell a square's corners from a disc's rim. The softmax over the channels is the loss's.
/// </summary>
[Network]
[Input(1, 12, 12)]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Conv2D(3, 1)]
public partial class ShapeSegmenter { }
