namespace DslNet.Bench.Networks;

/// <summary>W6: one Dense 1024 → 1024 layer, no activation (trained with mean squared error).</summary>
[Network]
[Input(1024)]
[Dense(1024)]
public partial class DenseBigNetwork
{
}
