using System;
using System.IO;
using System.Linq;
using Xunit;

namespace DslNet.Onnx.Tests;

/// <summary><c>dslnet import</c>: the two files it writes, and its errors.</summary>
public sealed class ImportCommandTests
{
    [Fact]
    public void Import_writes_the_declaration_and_weights_that_load_into_the_compiled_class()
    {
        string folder = Path.Combine(Path.GetTempPath(), "dslnet-import-" + Guid.NewGuid().ToString("N"));
        string model = Path.Combine(AppContext.BaseDirectory, "Fixtures", "cnn.onnx");
        var output = new StringWriter();
        var error = new StringWriter();
        try
        {
            Assert.Equal(0, DslNet.Tool.ImportCommand.Run(model, "DslNet.Onnx.Tests.Imported.Cnn", folder, output, error));
            Assert.Equal("", error.ToString());
            string committed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Imported", "Cnn.dnn"));
            Assert.Equal(committed, File.ReadAllText(Path.Combine(folder, "DslNet.Onnx.Tests.Imported.Cnn.dnn")));
            var network = new Imported.Cnn();
            PyTorchWeights.Load(network, Path.Combine(folder, "cnn.safetensors"));
            var io = Safetensors.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "cnn.io.safetensors"));
            var actual = new float[io["output"].Values.Length];
            network.Forward(io["input"].Values, actual, (int)io["input"].Shape[0]);
            Tolerance.AssertClose(io["output"].Values, actual, "dslnet import of cnn.onnx");
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Import_of_a_recurrent_model_writes_its_sequence_declaration_and_weights()
    {
        string folder = Path.Combine(Path.GetTempPath(), "dslnet-import-" + Guid.NewGuid().ToString("N"));
        string model = Path.Combine(AppContext.BaseDirectory, "Fixtures", "lstm_classifier.onnx");
        var output = new StringWriter();
        var error = new StringWriter();
        try
        {
            Assert.Equal(0, DslNet.Tool.ImportCommand.Run(model, "DslNet.Onnx.Tests.Imported.LstmClassifier", folder, output, error));
            Assert.Equal("", error.ToString());
            Assert.Contains("PyTorchWeights.Load(new DslNet.Onnx.Tests.Imported.LstmClassifier(timeSteps: steps), \"lstm_classifier.safetensors\")", output.ToString());
            string committed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Imported", "LstmClassifier.dnn"));
            Assert.Equal(committed, File.ReadAllText(Path.Combine(folder, "DslNet.Onnx.Tests.Imported.LstmClassifier.dnn")));
            var io = Safetensors.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "lstm_classifier.io.safetensors"));
            var network = new Imported.LstmClassifier(timeSteps: (int)io["input"].Shape[1]);
            PyTorchWeights.Load(network, Path.Combine(folder, "lstm_classifier.safetensors"));
            var actual = new float[io["output"].Values.Length];
            network.Forward(io["input"].Values, actual, (int)io["input"].Shape[0], [.. io["lengths"].Values.Select(v => (int)v)]);
            Tolerance.AssertClose(io["output"].Values, actual, "dslnet import of lstm_classifier.onnx");
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_refused_recurrent_model_is_an_error_that_names_the_node()
    {
        var model = DslNet.Onnx.Protobuf.ModelProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "rnn_classifier.onnx")));
        var rnn = model.Graph.Node.First(n => n.OpType == "RNN");
        rnn.Attribute.Add(new DslNet.Onnx.Protobuf.AttributeProto { Name = "direction", Type = DslNet.Onnx.Protobuf.AttributeProto.Types.AttributeType.String, S = Google.Protobuf.ByteString.CopyFromUtf8("reverse") });
        string path = Path.Combine(Path.GetTempPath(), "dslnet-reverse-" + Guid.NewGuid().ToString("N") + ".onnx");
        File.WriteAllBytes(path, Google.Protobuf.MessageExtensions.ToByteArray(model));
        try
        {
            var error = new StringWriter();
            Assert.Equal(1, DslNet.Tool.ImportCommand.Run(path, "My.Net", Path.GetTempPath(), new StringWriter(), error));
            Assert.Equal($"dslnet import: Node '{rnn.Name}' (RNN): direction 'reverse' is not supported: DslNet's simple_rnn runs forward only (reverse the sequence before the network instead).", error.ToString().Trim());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_model_is_an_error_that_names_it()
    {
        var error = new StringWriter();
        Assert.Equal(1, DslNet.Tool.ImportCommand.Run("/no/such/model.onnx", "My.Net", Path.GetTempPath(), new StringWriter(), error));
        Assert.Equal("dslnet import: /no/such/model.onnx does not exist.", error.ToString().Trim());
    }
}
