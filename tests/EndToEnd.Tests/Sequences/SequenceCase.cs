using System;
using System.Collections.Generic;
using System.Linq;

namespace DslNet.EndToEnd.Tests;

/// <summary>A generated sequence network for the theories, with the reference stages that mirror its declaration.</summary>
/// <param name="Vocabulary">For token inputs, the number of ids; 0 for feature inputs.</param>
public sealed record SequenceCase(string Name, Func<int, ISequenceNetwork> Create, int[] StepShape, int Vocabulary, Func<SequenceStage[]> Stages)
{
    public override string ToString() => Name;

    internal SequenceReference Reference(INetwork network) => new(network, StepShape, Vocabulary > 0, Stages());

    /// <summary>Random inputs for <paramref name="batch"/> samples: ids in [0, vocabulary) or values in [−1, 1).</summary>
    internal float[] RandomInput(ISequenceNetwork network, int batch, int seed)
    {
        if (Vocabulary == 0) return GeneratedNetworkTests.RandomVector(batch * network.InputSize, seed);
        var random = new FastRandom(seed);
        return Enumerable.Range(0, batch * network.InputSize).Select(_ => (float)random.NextInt(Vocabulary)).ToArray();
    }

    private static SequenceStage Step(ReferenceLayer layer) => SequenceStage.PerStep(layer);

    public static IEnumerable<object[]> All() => new SequenceCase[]
    {
        new(nameof(LstmTagger), t => new LstmTagger(t, seed: 1), [3], 0,
            () => [SequenceStage.Lstm(5, returnSequences: true), Step(ReferenceLayer.Dense(2))]),
        new(nameof(WideLstmClassifier), t => new WideLstmClassifier(t, seed: 13), [3], 0,
            () => [SequenceStage.Lstm(25), Step(ReferenceLayer.Dense(2))]),
        new(nameof(RnnRegressor), t => new RnnRegressor(t, seed: 2), [4], 0,
            () => [SequenceStage.Rnn(9), Step(ReferenceLayer.Dense(3, Activation.Tanh))]),
        new(nameof(TokenLstmClassifier), t => new TokenLstmClassifier(t, seed: 3), [], 7,
            () => [SequenceStage.Embedding(4), SequenceStage.Lstm(6, returnSequences: true), SequenceStage.Lstm(5), Step(ReferenceLayer.Dense(3, Activation.Softmax))]),
        new(nameof(TokenRnnTagger), t => new TokenRnnTagger(t, seed: 4), [], 5,
            () => [SequenceStage.Embedding(3), SequenceStage.Rnn(4, returnSequences: true), Step(ReferenceLayer.Dense(5, Activation.Softmax))]),
        new(nameof(GruTagger), t => new GruTagger(t, seed: 14), [3], 0,
            () => [SequenceStage.Gru(5, returnSequences: true), Step(ReferenceLayer.Dense(2))]),
        new(nameof(WideGruClassifier), t => new WideGruClassifier(t, seed: 15), [3], 0,
            () => [SequenceStage.Gru(25), Step(ReferenceLayer.Dense(2))]),
        new(nameof(TokenGruClassifier), t => new TokenGruClassifier(t, seed: 16), [], 7,
            () => [SequenceStage.Embedding(4), SequenceStage.Gru(6, returnSequences: true), SequenceStage.Gru(5), Step(ReferenceLayer.Dense(3, Activation.Softmax))]),
        new(nameof(ClipLstm), t => new ClipLstm(t, seed: 5), [1, 6, 6], 0,
            () => [Step(ReferenceLayer.Conv(2, 3, activation: Activation.ReLU)), Step(ReferenceLayer.MaxPool(2, 2)), Step(ReferenceLayer.Flatten()),
                   SequenceStage.Lstm(4), Step(ReferenceLayer.Dense(3))]),
        new(nameof(NormTagger), t => new NormTagger(t, seed: 6), [5], 0,
            () => [SequenceStage.LayerNorm(), Step(ReferenceLayer.Dense(6, Activation.Tanh)), SequenceStage.LayerNorm(), Step(ReferenceLayer.Dense(3))]),
        new(nameof(LstmNormClassifier), t => new LstmNormClassifier(t, seed: 7), [3], 0,
            () => [SequenceStage.Lstm(7), SequenceStage.LayerNorm(), Step(ReferenceLayer.Dense(2))]),
        new(nameof(PositionalTagger), t => new PositionalTagger(t, seed: 8), [], 9,
            () => [SequenceStage.Embedding(6), SequenceStage.PositionalEncoding(), SequenceStage.LayerNorm(), Step(ReferenceLayer.Dense(4))]),
        new(nameof(AttentionTagger), t => new AttentionTagger(t, seed: 9), [6], 0,
            () => [SequenceStage.Attention(2, causal: false), Step(ReferenceLayer.Dense(3))]),
        new(nameof(CausalAttentionModel), t => new CausalAttentionModel(t, seed: 10), [], 7,
            () => [SequenceStage.Embedding(6), SequenceStage.PositionalEncoding(), SequenceStage.LayerNorm(), SequenceStage.Attention(3, causal: true),
                   Step(ReferenceLayer.Dense(7, Activation.Softmax))]),
        new(nameof(TinyTransformer), t => new TinyTransformer(t, seed: 11), [], 7,
            () => [SequenceStage.Embedding(4), SequenceStage.PositionalEncoding(),
                   .. SequenceStage.TransformerBlock(4, heads: 2, feedForward: 6, Activation.Tanh, causal: true),
                   .. SequenceStage.TransformerBlock(4, heads: 1, feedForward: 16, Activation.ReLU, causal: false),
                   SequenceStage.LayerNorm(), Step(ReferenceLayer.Dense(7, Activation.Softmax))]),
        new(nameof(LearnedPositionBlockTagger), t => new LearnedPositionBlockTagger(t, seed: 12), [4], 0,
            () => [SequenceStage.LearnedPositionalEncoding(), .. SequenceStage.TransformerBlock(4, heads: 2, feedForward: 6, Activation.Tanh, causal: true),
                   Step(ReferenceLayer.Dense(3))]),
        // Graphs: node 0 is the input, node k the output of the k-th layer.
        new(nameof(ResidualLstmTagger), t => new ResidualLstmTagger(t, seed: 21), [4], 0,
            () => [SequenceStage.Lstm(4, returnSequences: true), SequenceStage.Add(Activation.Linear, 0, 1), Step(ReferenceLayer.Dense(5, Activation.Tanh)),
                   SequenceStage.Gru(5, returnSequences: true), SequenceStage.Add(Activation.ReLU, 3, 4), Step(ReferenceLayer.Dense(2))]),
        new(nameof(TwoBranchTagger), t => new TwoBranchTagger(t, seed: 22), [3], 0,
            () => [SequenceStage.Lstm(4, returnSequences: true), SequenceStage.Gru(3, returnSequences: true).Reading(0), SequenceStage.Concatenate(1, 2),
                   Step(ReferenceLayer.Dense(2))]),
        new(nameof(LastStatesClassifier), t => new LastStatesClassifier(t, seed: 23), [3], 0,
            () => [SequenceStage.Lstm(4), SequenceStage.Rnn(3).Reading(0), SequenceStage.Concatenate(1, 2), Step(ReferenceLayer.Dense(3, Activation.Softmax))]),
        new(nameof(EmbeddingFanOutClassifier), t => new EmbeddingFanOutClassifier(t, seed: 24), [], 7,
            () => [SequenceStage.Embedding(4), SequenceStage.Lstm(4, returnSequences: true), Step(ReferenceLayer.Dense(3, Activation.ReLU)).Reading(1),
                   SequenceStage.Concatenate(2, 3, 1), SequenceStage.Lstm(3), Step(ReferenceLayer.Dense(3, Activation.Softmax))]),
        new(nameof(AttentionResidualTagger), t => new AttentionResidualTagger(t, seed: 25), [6], 0,
            () => [SequenceStage.LayerNorm(), SequenceStage.Attention(2, causal: false), SequenceStage.Add(Activation.Linear, 1, 2), Step(ReferenceLayer.Dense(3))]),
        new(nameof(FrameBranchesLstm), t => new FrameBranchesLstm(t, seed: 26), [1, 6, 6], 0,
            () => [Step(ReferenceLayer.Conv(2, 3, same: true, activation: Activation.ReLU)), Step(ReferenceLayer.Conv(1, 1, activation: Activation.Tanh)).Reading(0),
                   SequenceStage.Concatenate(1, 2), Step(ReferenceLayer.MaxPool(2, 2)), Step(ReferenceLayer.Flatten()), SequenceStage.Lstm(4), Step(ReferenceLayer.Dense(3))]),
    }.Select(c => new object[] { c });

    /// <summary>The cases whose input is feature vectors, so it has a gradient (token ids have none).</summary>
    public static IEnumerable<object[]> WithFeatureInputs() => All().Where(c => ((SequenceCase)c[0]).Vocabulary == 0);
}
