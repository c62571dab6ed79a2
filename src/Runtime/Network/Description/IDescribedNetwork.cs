namespace DslNet;

/// <summary>
/// A network that can say what it is made of, layer by layer, at run time: what an exporter (ONNX, PyTorch weights)
/// needs beside <see cref="INetwork.Layout"/>. Generated networks implement it.
/// </summary>
public interface IDescribedNetwork : INetwork
{
    /// <summary>The architecture as declared, with every shape inferred.</summary>
    NetworkDescription Description { get; }
}
