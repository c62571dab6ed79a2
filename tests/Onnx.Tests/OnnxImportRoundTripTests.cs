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
        var result = ExportAndImport(original, name);

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

    /// <summary>
    /// Sequence networks: DslNet's export (lengths as the LSTM's, GRU's or RNN's sequence_lens, a Transpose around it, Y_h
    /// squeezed or Y transposed back, token ids cast for the embedding's Gather, a sequence output multiplied by the step
    /// mask) imports as the same layers, which give the original's outputs on mixed lengths.
    /// </summary>
    [Theory]
    [InlineData("WideLstmClassifier")]
    [InlineData("RnnRegressor")]
    [InlineData("TokenLstmClassifier")]
    [InlineData("LstmTagger")]
    [InlineData("TokenRnnTagger")]
    [InlineData("GruTagger")]
    [InlineData("TokenGruClassifier")]
    public void Exported_sequence_network_imports_as_its_declaration_and_weights(string name)
    {
        var original = ReferenceNetworks.Create(name);
        var result = ExportAndImport(original, name);
        var type = typeof(OnnxImportRoundTripTests).Assembly.GetType("DslNet.Onnx.Tests.Imported." + name)!;
        var imported = (IDescribedNetwork)Activator.CreateInstance(type, ReferenceNetworks.TimeSteps, 11, 4)!;
        PyTorchWeights.Load(imported, result.Weights);
        int[] lengths = [ReferenceNetworks.TimeSteps, 4, 1];
        int vocabulary = original.Description.Layers[0] is EmbeddingDescription embedding ? embedding.Vocabulary : 0;
        var random = new Random(11);
        var input = Enumerable.Range(0, lengths.Length * original.InputSize)
            .Select(_ => vocabulary > 0 ? random.Next(vocabulary) : (float)(random.NextDouble() * 2 - 1)).ToArray();
        var expected = new float[lengths.Length * original.OutputSize];
        var actual = new float[expected.Length];
        ((ISequenceNetwork)original).Forward(input, expected, lengths.Length, lengths);
        ((ISequenceNetwork)imported).Forward(input, actual, lengths.Length, lengths);
        Tolerance.AssertClose(expected, actual, name + " exported and imported");
    }

    private static OnnxImportResult ExportAndImport(IDescribedNetwork original, string name)
    {
        using var stream = new MemoryStream();
        OnnxExport.Save(original, stream);
        var result = OnnxImport.Import(ModelProto.Parser.ParseFrom(stream.ToArray()), "DslNet.Onnx.Tests.Imported." + name, name + ".onnx");

        // The first line is a comment naming the source and the producer's version; the rest is the network.
        static string Body(string declaration) => string.Join('\n', declaration.Split('\n').Skip(1));
        string committed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Imported", name + ".dnn"));
        Assert.True(Body(committed) == Body(result.Declaration), "The import now reads:\n" + result.Declaration);
        return result;
    }
}
