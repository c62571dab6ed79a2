using System;
using System.IO;
using System.Linq;
using DslNet.Onnx.Protobuf;
using Xunit;

namespace DslNet.Onnx.Tests;

/// <summary>
/// Recurrent models written by PyTorch's exporter (Fixtures/lstm_classifier, token_tagger, rnn_classifier, stacked_lstm,
/// gru_classifier .onnx) import
/// as the committed Imported/*.dnn (compiled here), and with the imported weights give PyTorch's outputs; the forms
/// DslNet has no layer for are refused with the node named.
/// </summary>
public sealed class OnnxRecurrentImportTests
{
    private static string File(string folder, string name) => Path.Combine(AppContext.BaseDirectory, folder, name);

    private static ModelProto Model(string fixture) => ModelProto.Parser.ParseFrom(System.IO.File.ReadAllBytes(File("Fixtures", fixture + ".onnx")));

    private static void Check(string fixture, string className, Func<int, IDescribedNetwork> create)
    {
        var result = OnnxImport.Import(File("Fixtures", fixture + ".onnx"), "DslNet.Onnx.Tests.Imported." + className);
        string committed = System.IO.File.ReadAllText(File("Imported", className + ".dnn"));
        Assert.True(committed == result.Declaration, "The import now reads:\n" + result.Declaration);
        var io = Safetensors.Read(File("Fixtures", fixture + ".io.safetensors"));
        var input = io["input"];
        int batch = (int)input.Shape[0], timeSteps = (int)input.Shape[1];
        var network = create(timeSteps);
        PyTorchWeights.Load(network, result.Weights);
        var expected = io["output"].Values;
        var actual = new float[expected.Length];
        ((ISequenceNetwork)network).Forward(input.Values, actual, batch, io["lengths"].Values.Select(v => (int)v).ToArray());
        Tolerance.AssertClose(expected, actual, fixture + " imported");
    }

    [Fact]
    public void Packed_lstm_classifier_imports_with_its_lengths_and_matches_pytorch() =>
        Check("lstm_classifier", "LstmClassifier", t => new Imported.LstmClassifier(timeSteps: t));

    [Fact]
    public void Time_major_token_lstm_tagger_imports_and_matches_pytorch() =>
        Check("token_tagger", "TokenTagger", t => new Imported.TokenTagger(timeSteps: t));

    [Fact]
    public void Rnn_classifier_on_the_last_step_imports_and_matches_pytorch() =>
        Check("rnn_classifier", "RnnClassifier", t => new Imported.RnnClassifier(timeSteps: t));

    [Fact]
    public void Two_layer_lstm_imports_as_two_layers_and_matches_pytorch() =>
        Check("stacked_lstm", "StackedLstm", t => new Imported.StackedLstm(timeSteps: t));

    [Fact]
    public void The_first_layer_state_of_a_two_layer_lstm_is_refused()
    {
        // h_n[0] of nn.LSTM(num_layers=2) is the first layer's last state: DslNet's second layer gives only its own.
        var model = Model("stacked_lstm");
        var gather = model.Graph.Node.Last(n => n.OpType == "Gather");
        var index = model.Graph.Node.First(n => n.Output.Contains(gather.Input[1])).Attribute.First(a => a.Name == "value").T;
        index.RawData = Google.Protobuf.ByteString.CopyFrom(BitConverter.GetBytes(0L));
        Assert.Equal($"Node '{gather.Name}' (Gather) reads the h_n of 2 stacked layers: only the last layer's (Gather of index -1 or 1 on axis 0: h_n[-1]) imports, as the last layer gives it.", Refusal(model));
    }

    private static string Refusal(ModelProto model) =>
        Assert.Throws<NotSupportedException>(() => OnnxImport.Import(model, "My.Net", "model.onnx")).Message;

    private static NodeProto Recurrent(ModelProto model) => model.Graph.Node.First(n => n.OpType is "LSTM" or "RNN");

    private static void SetAttribute(NodeProto node, AttributeProto attribute)
    {
        foreach (var old in node.Attribute.Where(a => a.Name == attribute.Name).ToList()) node.Attribute.Remove(old);
        node.Attribute.Add(attribute);
    }

    private static AttributeProto Text(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = Google.Protobuf.ByteString.CopyFromUtf8(value) };

    private static AttributeProto Texts(string name, params string[] values) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Strings, Strings = { values.Select(Google.Protobuf.ByteString.CopyFromUtf8) } };

    [Fact]
    public void A_bidirectional_lstm_is_refused()
    {
        var model = Model("lstm_classifier");
        var lstm = Recurrent(model);
        SetAttribute(lstm, Text("direction", "bidirectional"));
        Assert.Equal($"Node '{lstm.Name}' (LSTM): direction 'bidirectional' is not supported: DslNet's lstm runs forward only (a bidirectional PyTorch nn.LSTM has no DslNet layer).", Refusal(model));
    }

    [Fact]
    public void Clip_coupled_gates_and_batch_major_layout_are_refused()
    {
        var clipped = Model("lstm_classifier");
        var lstm = Recurrent(clipped);
        SetAttribute(lstm, new AttributeProto { Name = "clip", Type = AttributeProto.Types.AttributeType.Float, F = 3 });
        Assert.Equal($"Node '{lstm.Name}' (LSTM): clip is not supported: DslNet's cell does not clip its gate inputs.", Refusal(clipped));

        var coupled = Model("lstm_classifier");
        lstm = Recurrent(coupled);
        SetAttribute(lstm, new AttributeProto { Name = "input_forget", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        Assert.Equal($"Node '{lstm.Name}' (LSTM): input_forget = 1 (coupled input and forget gates) is not supported.", Refusal(coupled));

        var batchMajor = Model("lstm_classifier");
        lstm = Recurrent(batchMajor);
        SetAttribute(lstm, new AttributeProto { Name = "layout", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        Assert.Contains("layout = 1 (batch-major) is not supported", Refusal(batchMajor));
    }

    [Fact]
    public void Non_default_activations_are_refused()
    {
        var model = Model("rnn_classifier");
        var rnn = Recurrent(model);
        SetAttribute(rnn, Texts("activations", "Relu"));
        Assert.Equal($"Node '{rnn.Name}' (RNN): activations [Relu] are not supported; DslNet's simple_rnn uses [Tanh] (a PyTorch nn.RNN with nonlinearity='relu' has no DslNet layer).", Refusal(model));

        var lstmModel = Model("lstm_classifier");
        var lstm = Recurrent(lstmModel);
        SetAttribute(lstm, Texts("activations", "Sigmoid", "Relu", "Relu"));
        Assert.Contains("activations [Sigmoid, Relu, Relu] are not supported; DslNet's lstm uses [Sigmoid, Tanh, Tanh]", Refusal(lstmModel));
    }

    [Fact]
    public void Peepholes_are_refused_unless_zero()
    {
        var model = Model("lstm_classifier");
        var lstm = Recurrent(model);
        while (lstm.Input.Count < 7) lstm.Input.Add("");
        model.Graph.Initializer.Add(new TensorProto { Name = "peepholes", DataType = (int)TensorProto.Types.DataType.Float, Dims = { 1, 24 }, FloatData = { Enumerable.Repeat(0f, 24) } });
        lstm.Input.Add("peepholes");
        // Zero peepholes are no peepholes: the same network.
        Assert.Equal(OnnxImport.Import(Model("lstm_classifier"), "My.Net", "model.onnx").Declaration, OnnxImport.Import(model, "My.Net", "model.onnx").Declaration);
        model.Graph.Initializer.First(t => t.Name == "peepholes").FloatData[5] = 0.5f;
        Assert.Equal($"Node '{lstm.Name}' (LSTM): peephole weights (input P) are not supported: DslNet's lstm has no peepholes.", Refusal(model));
    }

    [Fact]
    public void A_given_initial_state_is_refused()
    {
        var model = Model("rnn_classifier");
        var rnn = Recurrent(model);
        model.Graph.Initializer.Add(new TensorProto { Name = "h0", DataType = (int)TensorProto.Types.DataType.Float, Dims = { 1, 1, 6 }, FloatData = { 0, 0, 0.25f, 0, 0, 0 } });
        rnn.Input[5] = "h0";
        Assert.Equal($"Node '{rnn.Name}' (RNN): initial_h ('h0') is not zeros: DslNet's recurrent layers start every sequence from zero states, so a given initial state does not import.", Refusal(model));
    }

    [Fact]
    public void The_cell_state_as_output_is_refused()
    {
        var model = Model("lstm_classifier");
        var lstm = Recurrent(model);
        var last = model.Graph.Node.First(n => n.Input.Contains(lstm.Output[1]));
        last.Input[0] = lstm.Output[2];
        Assert.Equal($"Node '{last.Name}' (Gather) reads Y_c, the LSTM's cell state: DslNet's lstm gives its hidden state only (Y or Y_h).", Refusal(model));
    }

    [Fact]
    public void Lengths_sorted_inside_the_graph_are_refused()
    {
        // pack_padded_sequence(enforce_sorted=False) sorts the batch with TopK before the LSTM and unsorts after it.
        var model = Model("lstm_classifier");
        var lstm = Recurrent(model);
        var cast = model.Graph.Node.First(n => n.Output.Contains(lstm.Input[4]));
        cast.OpType = "TopK";
        Assert.StartsWith($"Node '{lstm.Name}' (LSTM): sequence_lens comes from node '{cast.Name}' (TopK), not from a graph input of lengths;", Refusal(model));
    }

    [Fact]
    public void A_step_other_than_the_last_is_refused()
    {
        var model = Model("rnn_classifier");
        var gather = model.Graph.Node.Last(n => n.OpType == "Gather");
        var index = model.Graph.Node.First(n => n.Output.Contains(gather.Input[1])).Attribute.First(a => a.Name == "value").T;
        index.RawData = Google.Protobuf.ByteString.CopyFrom(BitConverter.GetBytes(0L));
        Assert.Equal($"Node '{gather.Name}' (Gather): on a sequence only the last step (a scalar index -1 on the time axis, 1 here) imports, as a recurrent layer without return_sequences.", Refusal(model));
    }

    [Fact]
    public void Packed_gru_classifier_imports_with_its_lengths_and_matches_pytorch() =>
        Check("gru_classifier", "GruClassifier", t => new Imported.GruClassifier(timeSteps: t));

    [Fact]
    public void A_gru_that_resets_before_the_recurrent_product_is_refused_by_name()
    {
        var model = Model("gru_classifier");
        var gru = model.Graph.Node.First(n => n.OpType == "GRU");
        SetAttribute(gru, new AttributeProto { Name = "linear_before_reset", Type = AttributeProto.Types.AttributeType.Int, I = 0 });
        Assert.Equal($"Node '{gru.Name}' (GRU): linear_before_reset = 0 (the reset gate applied to h before the recurrent product, Keras' reset_after=False) is not supported; " +
            "DslNet's gru applies it after the product and its bias (linear_before_reset = 1), as PyTorch's nn.GRU does.", Refusal(model));
    }
}
