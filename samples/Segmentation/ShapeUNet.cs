using DslNet;

namespace SegmentationSample;

/// <summary>
/// A U-Net for the same 12×12 images: down with convolutions and max pooling (12×12, 6×6, 3×3), up with strided
/// transposed convolutions, and at each size the encoder's maps concatenated to the decoder's (the skip connections)
/// before two more convolutions, so the labels keep the encoder's pixel-exact edges. Ends, as
/// <see cref="ShapeSegmenter"/> does, in a linear 1×1 convolution: one logit per class at each pixel.
/// </summary>
[Network]
[Input(1, 12, 12)]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "down1")]
[MaxPool2D(2)]
[Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "down2")]
[MaxPool2D(2)]
[Conv2D(32, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "bottom")]
[ConvTranspose2D(16, 2, Stride = 2, Activation = Activation.ReLU, Name = "up2")]
[Concatenate("down2", "up2")]
[Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[ConvTranspose2D(8, 2, Stride = 2, Activation = Activation.ReLU, Name = "up1")]
[Concatenate("down1", "up1")]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Conv2D(3, 1)]
public partial class ShapeUNet { }
