using DslNet;

namespace ClipsSample;

/// <summary>
/// A clip of 1×16×16 frames → which way its digit moves. Conv 8@3×3 ReLU and MaxPool 2 run on every frame with
/// shared weights (7×7×8 = 392 features per frame), an LSTM of 32 units reads the frames in order, and a softmax over
/// the four directions reads its state at each clip's last frame. The number of frames is set at construction.
/// </summary>
[Network(Loss = LossKind.SoftmaxCrossEntropy)]
[SequenceInput(1, 16, 16)]
[Conv2D(8, 3, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Lstm(32)]
[Dense(4, Activation = Activation.Softmax)]
public partial class ClipClassifier { }
