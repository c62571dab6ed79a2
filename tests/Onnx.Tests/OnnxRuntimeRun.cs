using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;

namespace DslNet.Onnx.Tests;

/// <summary>An exported network loaded by ONNX Runtime, run on float inputs (and int32 lengths for a sequence network).</summary>
internal sealed class OnnxRuntimeRun : IDisposable
{
    private readonly InferenceSession _session;

    public OnnxRuntimeRun(IDescribedNetwork network)
    {
        using var stream = new MemoryStream();
        OnnxExport.Save(network, stream);
        Model = stream.ToArray();
        using var options = new SessionOptions { IntraOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        _session = new InferenceSession(Model, options);
    }

    /// <summary>The serialised model.</summary>
    public byte[] Model { get; }

    /// <summary>Runs the model on <paramref name="input"/> of <paramref name="shape"/> (with <paramref name="lengths"/> for a sequence network).</summary>
    public float[] Run(float[] input, long[] shape, int[]? lengths = null)
    {
        var names = new List<string> { "input" };
        var values = new List<OrtValue> { OrtValue.CreateTensorValueFromMemory(input, shape) };
        if (lengths is not null)
        {
            names.Add("lengths");
            values.Add(OrtValue.CreateTensorValueFromMemory(lengths, [lengths.Length]));
        }
        try
        {
            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, names, values, ["output"]);
            return outputs[0].GetTensorDataAsSpan<float>().ToArray();
        }
        finally
        {
            foreach (var value in values) value.Dispose();
        }
    }

    public void Dispose() => _session.Dispose();
}
