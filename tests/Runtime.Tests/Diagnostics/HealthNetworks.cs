namespace DslNet.Tests;

/// <summary>Nine sigmoid layers under a softmax head: the textbook vanishing-gradient stack.</summary>
[Network]
[Input(16)]
[Dense(16, Activation = Activation.Sigmoid)]
[Dense(16, Activation = Activation.Sigmoid)]
[Dense(16, Activation = Activation.Sigmoid)]
[Dense(16, Activation = Activation.Sigmoid)]
[Dense(16, Activation = Activation.Sigmoid)]
[Dense(16, Activation = Activation.Sigmoid)]
[Dense(16, Activation = Activation.Sigmoid)]
[Dense(16, Activation = Activation.Sigmoid)]
[Dense(16, Activation = Activation.Sigmoid)]
[Dense(4, Activation = Activation.Softmax)]
public partial class HealthDeepSigmoid
{
}

/// <summary>A small ReLU classifier: healthy under sensible settings, and the victim of dead-unit and collapse tests.</summary>
[Network]
[Input(16)]
[Dense(32, Activation = Activation.ReLU)]
[Dense(16, Activation = Activation.ReLU)]
[Dense(4, Activation = Activation.Softmax)]
public partial class HealthReluMlp
{
}

/// <summary>A ReLU regressor with a linear head, for mean squared error: its gradients can grow without bound.</summary>
[Network]
[Input(16)]
[Dense(16, Activation = Activation.ReLU)]
[Dense(2)]
public partial class HealthRegressor
{
}

/// <summary>The Digits sample's architecture, for the healthy-run check on the real data.</summary>
[Network]
[Input(64)]
[Dense(64, Activation = Activation.ReLU)]
[Dense(32, Activation = Activation.ReLU)]
[Dense(10, Activation = Activation.Softmax)]
public partial class HealthDigitsMlp
{
}

/// <summary>The Digits sample's architecture with tanh hidden layers: the saturating case of an exploding run.</summary>
[Network]
[Input(64)]
[Dense(64, Activation = Activation.Tanh)]
[Dense(32, Activation = Activation.Tanh)]
[Dense(10, Activation = Activation.Softmax)]
public partial class HealthDigitsTanh
{
}
