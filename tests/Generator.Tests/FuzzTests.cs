using System;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Text;
using DslNet.Checks;
using DslNet.Generator.Diagnostics;
using DslNet.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace DslNet.Generator.Tests;

/// <summary>
/// Thousands of random and mutated declarations through the parser, shape inference, the generator and
/// the analyzer: none may throw (in a generator an exception is only warning CS8785 and missing code).
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private static readonly string[] DnnSeeds =
    [
        "network Digits.DigitsMlp\ninput 64\ndense 64 activation=relu\ndense 32 activation=relu\ndense 10 activation=softmax\nloss softmax_cross_entropy\n",
        "# comment\nnetwork A.B\ninput 1, 28, 28\ndense 10 name=out activation=linear\nloss mean_squared_error\n",
        "network X\ninput 2\ndense 4 activation=tanh\ndense 1 activation=sigmoid\nloss binary_cross_entropy\n",
        "network F.Cnn\ninput 1, 28, 28\nconv2d 8 kernel=3 activation=relu\nmaxpool2d 2\nconv2d 16 kernel=3 stride=2 padding=same\navgpool2d 2 stride=1\nflatten\ndropout 0.25\ndense 10 activation=softmax\n",
        "network T.Chars\ninput sequence\nembedding 65 16\nlstm 32 return_sequences=true stateful=true\nsimple_rnn 8 return_sequences=true\ndense 65 activation=softmax\n",
        "network V.Clips\ninput sequence 1, 8, 8\nconv2d 2 kernel=3\nflatten\nlstm 4\ndense 3\n",
        "network G.Decoder\ninput sequence\nembedding 11 8\npositional_encoding learned=true max_length=16\ntransformer_block 2 feed_forward=16 causal=true model_dimension=8\nself_attention 2 model_dimension=8\nlayernorm\ndense 11 activation=softmax\n",
    ];

    private static readonly string[] DnnFragments =
    [
        "network", "input", "dense", "loss", "activation", "name", "=", ",", "\n", "\r\n", "#", " ", "\t",
        "relu", "softmax", "sigmoid", "tanh", "linear", "swish", "0", "-1", "64", "99999999999", "2147483647",
        "A.B", "..", ".x", "_", "é", "\u0000", "\"", "softmax_cross_entropy", "Dense", "-", "+", "1e9",
        "conv2d", "maxpool2d", "avgpool2d", "flatten", "dropout", "kernel", "stride", "padding", "same", "valid", "0.5", "1.0", "0.", ".5",
        "sequence", "embedding", "lstm", "simple_rnn", "gru", "return_sequences", "stateful", "true", "false",
        "positional_encoding", "learned", "max_length", "self_attention", "transformer_block", "model_dimension", "causal", "feed_forward", "layernorm",
    ];

    private static readonly string[] CSharpSeeds =
    [
        "using DslNet;\nnamespace N;\n[Network(Loss = LossKind.SoftmaxCrossEntropy)]\n[Input(64)]\n[Dense(32, Activation = Activation.ReLU, Name = \"h\")]\n[Dense(10, Activation = Activation.Softmax)]\npublic partial class Net { }\n",
        "using DslNet;\nnamespace N { partial class Outer { [Network][Input(2, 3)][Dense(4)][Dense(0)] public partial class Net<T> { } } }\n",
        "using DslNet;\nnamespace N;\n[Network][Input(1, 28, 28)][Conv2D(8, 3, Stride = 2, Padding = Padding.Same, Activation = Activation.ReLU)][MaxPool2D(2, Stride = 1)][AvgPool2D(2)][Flatten][Dropout(0.5)][Dense(10)]\npublic partial class Cnn { }\n",
        "using DslNet;\nnamespace N;\n[Network][SequenceInput][Embedding(65, 16)][Lstm(32, ReturnSequences = true, Stateful = true)][SimpleRnn(8)][Dense(3)]\npublic partial class Rnn { }\n",
        "using DslNet;\nnamespace N;\n[Network][SequenceInput(4)][Gru(6, ReturnSequences = true, Stateful = true)][Gru(5)][Dense(2)]\npublic partial class Gated { }\n",
        "using DslNet;\nnamespace N;\n[Network][SequenceInput][Embedding(11, 8)][PositionalEncoding(Learned = true, MaxLength = 16)][TransformerBlock(2, Causal = true, ModelDimension = 8)][MultiHeadSelfAttention(2, ModelDimension = 8)][LayerNorm][Dense(11)]\npublic partial class Decoder { }\n",
    ];

    private static readonly string[] CSharpFragments =
    [
        "[", "]", "(", ")", ",", "=", "Network", "Input", "Dense", "Activation.", "(Activation)", "Loss", "LossKind.",
        "partial", "class", "static", "<T>", "{", "}", ";", "\"", "-5", "0", "int.MaxValue", "null", "Name", "\n", "#if X", "//",
        "Conv2D", "MaxPool2D", "AvgPool2D", "Flatten", "Dropout", "Stride = ", "Padding.", "(Padding)7", "1.5", "double.NaN", "28, 28",
        "SequenceInput", "Embedding", "Lstm", "SimpleRnn", "Gru", "ReturnSequences = true", "Stateful = ", "false",
        "PositionalEncoding", "Learned = true", "MaxLength = ", "MultiHeadSelfAttention", "TransformerBlock", "ModelDimension = ", "Causal = true", "LayerNorm",
    ];

    [Fact]
    public void Ten_thousand_dnn_texts_never_throw_in_the_parser_or_the_generator()
    {
        var random = new Random(20261127);
        var clock = Stopwatch.StartNew();
        var driver = GeneratorHarness.CreateDriver();
        var compilation = GeneratorHarness.Compile("class Empty { }");
        AdditionalText? previous = null;
        int problems = 0;
        for (int i = 0; i < 10_000; i++)
        {
            string text = i % 3 == 0 ? RandomText(random, DnnFragments, random.Next(1, 40)) : Mutate(random, DnnSeeds[random.Next(DnnSeeds.Length)], DnnFragments);

            var document = DnnParser.Parse("/fuzz/Net.dnn", text);
            problems += document.Problems.Count + ShapeInference.Infer(document.Spec).Problems.Count;

            var file = new InMemoryAdditionalText("/fuzz/Net.dnn", text);
            driver = previous is null ? driver.AddAdditionalTexts([file]) : driver.ReplaceAdditionalText(previous, file);
            previous = file;
            driver = driver.RunGenerators(compilation);
            var result = driver.GetRunResult().Results.Single();
            Assert.True(result.Exception is null, $"case {i}: {Escape(text)}\n{result.Exception}");
        }
        output.WriteLine($"10,000 .dnn texts, {problems} problems found, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(problems > 10_000, "the mutations should mostly produce problems");
    }

    [Fact]
    public async System.Threading.Tasks.Task A_thousand_mutated_attribute_declarations_never_throw_in_the_generator_or_the_analyzer()
    {
        var random = new Random(1127);
        var clock = Stopwatch.StartNew();
        var driver = GeneratorHarness.CreateDriver();
        var compilation = GeneratorHarness.Compile("class Empty { }");
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new NetworkAnalyzer());
        SyntaxTree previous = compilation.SyntaxTrees.Single();
        for (int i = 0; i < 1_000; i++)
        {
            string text = Mutate(random, CSharpSeeds[random.Next(CSharpSeeds.Length)], CSharpFragments);
            var tree = CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path: "Fuzz.cs");
            compilation = compilation.ReplaceSyntaxTree(previous, tree);
            previous = tree;
            driver = driver.RunGenerators(compilation);
            var result = driver.GetRunResult().Results.Single();
            Assert.True(result.Exception is null, $"case {i}: {Escape(text)}\n{result.Exception}");

            if (i % 25 == 0) // the analyzer is slower; one case in 25 of the cases still covers its paths
            {
                var analyzerErrors = (await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync())
                    .Where(d => d.Id == "AD0001").ToList(); // AD0001: an analyzer threw
                Assert.True(analyzerErrors.Count == 0, $"case {i}: {Escape(text)}\n{string.Join("\n", analyzerErrors)}");
            }
        }
        output.WriteLine($"1,000 attribute declarations, {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static string Mutate(Random random, string seed, string[] fragments)
    {
        var text = new StringBuilder(seed);
        int edits = random.Next(1, 6);
        for (int e = 0; e < edits; e++)
        {
            int at = random.Next(text.Length + 1);
            switch (random.Next(4))
            {
                case 0 when text.Length > 0: text.Remove(Math.Min(at, text.Length - 1), Math.Min(random.Next(1, 8), text.Length - Math.Min(at, text.Length - 1))); break;
                case 1: text.Insert(at, fragments[random.Next(fragments.Length)]); break;
                case 2: text.Insert(at, (char)random.Next(1, 0x3000)); break;
                default: text.Length = Math.Min(at, text.Length); break; // truncation: every prefix matters
            }
        }
        return text.ToString();
    }

    private static string RandomText(Random random, string[] fragments, int count)
    {
        var text = new StringBuilder();
        for (int i = 0; i < count; i++) text.Append(fragments[random.Next(fragments.Length)]).Append(random.Next(3) == 0 ? "\n" : " ");
        return text.ToString();
    }

    private static string Escape(string text) => text.Replace("\n", "\\n").Replace("\r", "\\r");
}
