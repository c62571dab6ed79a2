using System.Linq;
using DslNet.Checks;
using DslNet.Model;
using DslNet.Text;
using Xunit;

namespace DslNet.Dsl.Tests;

/// <summary>Shape inference over a declared graph: what each layer reads, and the shapes merges produce.</summary>
public sealed class LayerGraphTests
{
    private static ShapeInferenceResult Infer(string text)
    {
        var document = DnnParser.Parse("Net.dnn", text);
        Assert.Empty(document.Problems);
        return ShapeInference.Infer(document.Spec);
    }

    [Fact]
    public void Layers_read_the_previous_layer_or_the_one_they_name_and_merges_join_their_inputs()
    {
        var result = Infer("""
            network Examples.Net
            input 3, 8, 8
            conv2d 4 kernel=3 padding=same name=stem
            conv2d 4 kernel=3 padding=same
            add stem, conv2d2 activation=relu
            maxpool2d 2 from=stem
            upsample2d 2
            concatenate add3, upsample2d5, input
            flatten
            dense 5 from=flatten7
            """);

        Assert.Empty(result.Problems);
        Assert.Equal(new[] { "0", "1", "1,2", "1", "4", "3,5,0", "6", "7" }, result.Layers.Select(l => string.Join(",", l.Sources)));
        Assert.Equal(new[] { "[3, 8, 8]", "[4, 8, 8]", "[4, 8, 8]", "[4, 8, 8]", "[4, 4, 4]", "[4, 8, 8]", "[11, 8, 8]", "[704]" },
            result.Layers.Select(l => l.Input.ToString()));
        Assert.Equal(new Shape(11, 8, 8), result.Layers[5].Output);
        Assert.Equal(new[] { new Shape(4, 8, 8), new Shape(4, 8, 8), new Shape(3, 8, 8) }, result.Layers[5].Inputs);
        Assert.Equal(new[] { true, true, false, false, true, false, true, true }, result.Layers.Select(l => l.ReadsPrevious));
        Assert.Equal(new Shape(5), result.Output);
    }

    [Fact]
    public void Sequences_merge_step_by_step_and_last_states_as_vectors()
    {
        var result = Infer("""
            network Examples.Net
            input sequence 6
            lstm 6 return_sequences=true name=lstm
            add input, lstm name=residual
            gru 4 return_sequences=true from=input
            concatenate residual, gru3
            lstm 5 name=last
            simple_rnn 3 from=residual
            concatenate last, simplernn6
            dense 2
            """);

        Assert.Empty(result.Problems);
        Assert.Equal(Shape.Sequence(6), result.Layers[1].Output);
        Assert.Equal(Shape.Sequence(10), result.Layers[3].Output);
        Assert.Equal(new Shape(8), result.Layers[6].Output);
        Assert.Equal(new Shape(2), result.Output);
    }

    [Fact]
    public void Vectors_concatenate_along_their_features_and_add_keeps_the_shape()
    {
        var result = Infer("""
            network Examples.Net
            input 5
            dense 7 name=a
            dense 3
            concat a, dense2, input
            add input, input
            """);
        Assert.Contains(result.Problems, p => p.Id == "DN0037"); // the concatenation is read by nothing
        Assert.Equal(new Shape(15), result.Layers[2].Output);
        Assert.Equal(new Shape(5), result.Layers[3].Output);
    }

    [Fact]
    public void The_loss_sees_the_activation_of_the_layer_a_final_view_reads()
    {
        var document = DnnParser.Parse("Net.dnn", """
            network Examples.Net
            input 2, 3, 3
            conv2d 1 kernel=1 activation=sigmoid name=probabilities
            conv2d 1 kernel=1 activation=relu from=input name=unused
            flatten from=probabilities
            loss binary_cross_entropy
            """);
        // The ReLU layer between them is unread (a warning), not the output: no DN0014.
        Assert.Equal(new[] { "DN0037" }, ShapeInference.Infer(document.Spec).Problems.Select(p => p.Id));
    }
}
