namespace DslNet.Tests;

// Generated networks for the checkpoint tests: one to save, and three it must not load into.

/// <summary>The network the checkpoint tests save and restore: 67 parameters.</summary>
[Network]
[Input(4)]
[Dense(8, Activation = Activation.Tanh)]
[Dense(3, Activation = Activation.Softmax)]
public partial class CheckpointNet { }

/// <summary>A wider hidden layer: another parameter count.</summary>
[Network]
[Input(4)]
[Dense(16, Activation = Activation.Tanh)]
[Dense(3, Activation = Activation.Softmax)]
public partial class CheckpointWideNet { }

/// <summary>The same 67 parameters as <see cref="CheckpointNet"/>, in other shapes.</summary>
[Network]
[Input(12)]
[Dense(4, Activation = Activation.Tanh)]
[Dense(3, Activation = Activation.Softmax)]
public partial class CheckpointSameCountNet { }

/// <summary>The same shapes as <see cref="CheckpointNet"/>, but the hidden layer has another name.</summary>
[Network]
[Input(4)]
[Dense(8, Activation = Activation.Tanh, Name = "hidden")]
[Dense(3, Activation = Activation.Softmax)]
public partial class CheckpointRenamedNet { }
