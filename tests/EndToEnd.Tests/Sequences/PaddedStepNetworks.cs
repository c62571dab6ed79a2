namespace DslNet.EndToEnd.Tests;

// One network per layer kind that can end a sequence network, each the kind's output directly, so a value it computes
// at a step past a sequence's length reaches the network's output unless something clears it.

[Network]
[SequenceInput(3)]
[Dense(4, Activation = Activation.Tanh)]
public partial class StepDense { }

[Network]
[SequenceInput(5)]
[LayerNorm]
public partial class StepNorm { }

[Network]
[SequenceInput(6)]
[MultiHeadSelfAttention(2)]
public partial class StepAttention { }

[Network]
[SequenceInput(4)]
[TransformerBlock(2, FeedForward = 6)]
public partial class StepTransformerBlock { }

[Network]
[SequenceInput]
[Embedding(5, 3)]
public partial class StepEmbedding { }

[Network]
[SequenceInput(1, 6, 6)]
[Conv2D(2, 3, Activation = Activation.Tanh)] // smooth, so finite differences of random parameters meet no kink
public partial class StepConv { }

[Network]
[SequenceInput(2, 4, 4)]
[MaxPool2D(2)]
public partial class StepMaxPool { }

[Network]
[SequenceInput(2, 4, 4)]
[AvgPool2D(2)]
[Flatten]
public partial class StepAvgPoolFlatten { }

[Network]
[SequenceInput(4)]
[Dropout(0.5)]
public partial class StepDropout { }
