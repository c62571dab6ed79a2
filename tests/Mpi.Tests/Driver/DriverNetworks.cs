using DslNet;

namespace DslNet.Mpi.TestDriver;

// The bench's W2 network: what the sample and W10 train.
#pragma warning disable DN0021
[Network(Loss = LossKind.SoftmaxCrossEntropy)]
[Input(1, 28, 28)]
[Conv2D(8, 3, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(16, 3, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(64, Activation = Activation.ReLU)]
[Dense(10, Activation = Activation.Softmax)]
public partial class DriverCnn { }
#pragma warning restore DN0021

// A sequence classifier, trained with each sequence's own length.
[Network(Loss = LossKind.SoftmaxCrossEntropy)]
[SequenceInput(SyntheticData.Features)]
[Lstm(16)]
[Dense(SyntheticData.Classes, Activation = Activation.Softmax)]
public partial class DriverLstm { }

// The W2 CNN with batch normalisation after its first convolution: running statistics that each rank's batches move.
[Network]
[Input(1, 28, 28)]
[Conv2D(8, 3, Activation = Activation.ReLU)]
[BatchNorm]
[MaxPool2D(2)]
[Flatten]
[Dense(10, Activation = Activation.Softmax)]
public partial class DriverNormedCnn { }
