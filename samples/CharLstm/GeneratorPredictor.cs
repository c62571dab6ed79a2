using System;
using DslNet;
using DslNet.Samples;

namespace CharLstmSample;

/// <summary>
/// A stateful generator (<see cref="CharGenerator"/> or <see cref="CharGruGenerator"/>) one character at a time: its
/// recurrent state carries the text read so far.
/// </summary>
internal sealed class GeneratorPredictor(ISequenceNetwork generator) : ICharacterPredictor
{
    private readonly float[] _input = new float[1];
    private readonly float[] _probabilities = new float[generator.StepOutputSize];

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
