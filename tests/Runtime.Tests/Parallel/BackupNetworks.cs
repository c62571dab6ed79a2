namespace DslNet.Tests;

// Generated networks for the data-parallel backup tests: a plain one, one with BatchNorm, one with dropout.

/// <summary>A small MLP: a re-run of its part on a spare gives the same bits.</summary>
[Network]
[Input(24)]
[Dense(16, Activation = Activation.ReLU)]
[Dense(8, Activation = Activation.Tanh)]
[Dense(4, Activation = Activation.Softmax)]
public partial class BackupMlp { }

/// <summary>BatchNorm in training: the network itself updates the running statistics, its replicas never do.</summary>
[Network]
[Input(24)]
[Dense(16)]
[BatchNorm(Activation = Activation.ReLU)]
[Dense(4, Activation = Activation.Softmax)]
public partial class BackupNormedMlp { }

/// <summary>Dropout: each replica draws its own masks, so a re-run on a spare would not give the same bits.</summary>
[Network]
[Input(24)]
[Dense(16, Activation = Activation.ReLU)]
[Dropout(0.25)]
[Dense(4, Activation = Activation.Softmax)]
public partial class BackupDropoutMlp { }

/// <summary>A sequence network whose output grows with TimeSteps: one row of outputs per step.</summary>
[Network]
[SequenceInput(3)]
[Lstm(5, ReturnSequences = true)]
[Dense(2)]
public partial class BackupLstmTagger { }
