using System;
using DslNet.Onnx.Protobuf;

namespace DslNet.Onnx.Export;

/// <summary>
/// PositionalEncoding for any number of steps: a learned table sliced to the first T rows, or the sinusoidal table
/// computed in the graph in double precision, as DslNet computes it (t / 10000^((j − j mod 2)/d), sin on even features,
/// cos on odd), then rounded to float.
/// </summary>
internal static class PositionalEncodingExport
{
    public static OnnxValue Write(ExportContext context, PositionalEncodingDescription positional, OnnxValue x)
    {
        var graph = context.Graph;
        string scope = positional.Name;
        int d = positional.InputShape[0];
        string table;
        if (positional.Learned)
        {
            string weight = context.Initializer(scope, "weight", positional.MaxLength, d);
            table = graph.Node(scope, "Slice", [weight, graph.Int64s(scope + "/start", 0), context.Sequence.TimeVector, graph.Int64s(scope + "/axis", 0)]);
        }
        else
        {
            var denominators = new double[d];
            var even = new double[d];
            var odd = new double[d];
            for (int j = 0; j < d; j++)
            {
                denominators[j] = Math.Pow(10000.0, (j & ~1) / (double)d);
                even[j] = (j & 1) == 0 ? 1 : 0;
                odd[j] = 1 - even[j];
            }
            string positions = graph.Node(scope, "Cast", [context.Sequence.Positions], OnnxGraphBuilder.Int("to", (long)TensorProto.Types.DataType.Double));
            string column = graph.Node(scope, "Unsqueeze", [positions, graph.Int64s(scope + "/axis1", 1)]);
            string angles = graph.Node(scope, "Div", [column, graph.Doubles(scope + "/denominators", [d], denominators)]);
            string sines = graph.Node(scope, "Mul", [graph.Node(scope, "Sin", [angles]), graph.Doubles(scope + "/even", [d], even)]);
            string cosines = graph.Node(scope, "Mul", [graph.Node(scope, "Cos", [angles]), graph.Doubles(scope + "/odd", [d], odd)]);
            string code = graph.Node(scope, "Add", [sines, cosines]);
            table = graph.Node(scope, "Cast", [code], OnnxGraphBuilder.Int("to", (long)TensorProto.Types.DataType.Float));
        }
        return x with { Name = graph.Node(scope, "Add", [x.Name, table]) };
    }
}
