using System;
using DslNet;
using DslNet.Samples;

namespace CharLstmSample;

/// <summary>The stateful <see cref="CharGenerator"/> one character at a time: its LSTM state carries the text read so far.</summary>
internal sealed class GeneratorPredictor(CharGenerator generator) : ICharacterPredictor
{
    private readonly float[] _input = new float[1];
    private readonly float[] _probabilities = new float[CharGenerator.StepOutputSize];

    public void Reset()
    {
        generator.TimeSteps = 1;
        generator.ResetState();
    }

    public ReadOnlySpan<float> Read(int id)
    {
        _input[0] = id;
        generator.Forward(_input, _probabilities, batch: 1);
        return _probabilities;
    }
}
