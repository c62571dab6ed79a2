namespace DslNet;

/// <summary>The element-wise function a layer applies to its pre-activation.</summary>
public enum Activation
{
    /// <summary>The identity: the layer outputs its pre-activation (logits, regression values).</summary>
    Linear = 0,
    /// <summary><c>max(0, z)</c>; weights start He-initialised.</summary>
    ReLU = 1,
    /// <summary><c>1 / (1 + e^-z)</c>, outputs in (0, 1).</summary>
    Sigmoid = 2,
    /// <summary><c>tanh(z)</c>, outputs in (-1, 1).</summary>
    Tanh = 3,
    /// <summary>Normalised exponentials over the layer's units; last layer only.</summary>
    Softmax = 4,
}
