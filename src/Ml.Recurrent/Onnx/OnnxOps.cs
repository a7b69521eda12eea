using Ml.Recurrent.MlNet;

namespace Ml.Recurrent.Onnx;

/// <summary>Terse helpers over <see cref="OnnxGraph"/> for single-output nodes and small constants.</summary>
internal sealed class OnnxOps
{
    /// <summary>ONNX <c>TensorProto.DataType</c> codes used with <c>Cast</c>.</summary>
    public const long Float = 1, UInt8 = 2, Int32 = 6, Int64 = 7, String = 8, Bool = 9, UInt32 = 12;

    public OnnxOps(OnnxGraph graph)
    {
        Graph = graph;
    }

    public OnnxGraph Graph { get; }

    /// <summary>A node of <paramref name="op"/> on <paramref name="inputs"/>; returns its output.</summary>
    public string Op(string op, params string[] inputs) => Graph.Apply(op, inputs);

    /// <summary>A node with attributes set by <paramref name="attributes"/>.</summary>
    public string Op(string op, string[] inputs, Action<OnnxGraphNode> attributes, string domain = "")
        => Graph.Apply(op, inputs, attributes, domain);

    public string Cast(string input, long to) => Op("Cast", [input], n => n.Set("to", to));

    /// <summary>An int64 constant; no dims makes a scalar.</summary>
    public string Longs(long[] values, params long[] dims) => Graph.Constant(values, dims);

    /// <summary>A float constant; no dims makes a scalar.</summary>
    public string Floats(float[] values, params long[] dims) => Graph.Constant(values, dims);
}
