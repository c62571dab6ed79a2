using System;
using System.IO;
using System.Linq;
using DslNet.Onnx.Protobuf;
using Xunit;

namespace DslNet.Onnx.Tests;

/// <summary>
/// Reference networks with global average pooling and upsampling, exported by DslNet and imported again: the
/// declaration is the committed Imported/*.dnn (compiled here) and, with the imported weights, gives the original's outputs.
/// </summary>
public sealed class OnnxImportRoundTripTests
{
    [Theory]
    [InlineData("GlobalPoolCnn")]
    [InlineData("UpsampleCnn")]
    public void Exported_network_imports_as_its_declaration_and_weights(string name)
    {
        var original = ReferenceNetworks.Create(name);
        using var stream = new MemoryStream();
        OnnxExport.Save(original, stream);
        string className = "DslNet.Onnx.Tests.Imported." + name;
        var result = OnnxImport.Import(ModelProto.Parser.ParseFrom(stream.ToArray()), className, name + ".onnx");

        // The first line is a comment naming the source and the producer's version; the rest is the network.
        static string Body(string declaration) => string.Join('\n', declaration.Split('\n').Skip(1));
        string committed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Imported", name + ".dnn"));
        Assert.True(Body(committed) == Body(result.Declaration), "The import now reads:\n" + result.Declaration);

        IDescribedNetwork imported = name switch
        {
            "GlobalPoolCnn" => new Imported.GlobalPoolCnn(),
            _ => new Imported.UpsampleCnn(),
        };
        PyTorchWeights.Load(imported, result.Weights);
        const int batch = 3;
        var random = new Random(7);
        var input = Enumerable.Range(0, batch * original.InputSize).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var expected = new float[batch * original.OutputSize];
        var actual = new float[expected.Length];
        original.Forward(input, expected, batch);
        imported.Forward(input, actual, batch);
        Tolerance.AssertClose(expected, actual, name + " exported and imported");
    }
}
