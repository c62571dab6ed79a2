namespace DslNet.Tests;

/// <summary>A small regression MLP that L-BFGS fits full-batch.</summary>
[Network]
[Input(1)]
[Dense(12, Activation = Activation.Tanh)]
[Dense(1)]
public partial class LbfgsCurveNet { }
