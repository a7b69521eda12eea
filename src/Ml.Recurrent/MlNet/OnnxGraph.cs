using Microsoft.ML.Data;
using Microsoft.ML.Model.OnnxConverter;

namespace Ml.Recurrent.MlNet;

/// <summary>
/// Our only window onto ML.NET's internal <c>OnnxContext</c>: the graph that <c>ConvertToOnnx</c> is building.
/// Exporters (src/Ml.Recurrent/Onnx/) add nodes and constants through it and never see ML.NET internals.
/// Columns map to ONNX variables as ML.NET declares them: a column of type T is a tensor <c>[N, ...]</c>
/// (scalars <c>[N, 1]</c>); key columns are <c>uint32</c>.
/// </summary>
internal sealed class OnnxGraph
{
    private readonly OnnxContext _ctx;

    public OnnxGraph(OnnxContext ctx)
    {
        _ctx = ctx;
    }

    /// <summary>Whether <paramref name="column"/> has an ONNX variable at this point of the pipeline.</summary>
    public bool HasColumn(string column) => _ctx.ContainsColumn(column);

    /// <summary>The ONNX variable holding <paramref name="column"/>.</summary>
    public string ColumnVariable(string column) => _ctx.GetVariableName(column);

    /// <summary>Declares the variable of an output column (later transforms and the graph outputs find it by
    /// name).</summary>
    public string DeclareColumn(DataViewType type, string column) => _ctx.AddIntermediateVariable(type, column);

    /// <summary>
    /// Declares an untyped variable that a later exporter of ours finds by <paramref name="column"/> (a name no
    /// data view column has, e.g. a token column's real lengths); it never becomes a graph output.
    /// </summary>
    public string DeclareHidden(string column) => _ctx.AddIntermediateVariable(null!, column, skip: true);

    /// <summary>A fresh variable name for an intermediate value (no declared type: ONNX Runtime infers it).</summary>
    public string Temp(string hint) => _ctx.AddIntermediateVariable(null!, "mlr_" + hint, skip: true);

    /// <summary>Adds a node; <paramref name="domain"/> "" is <c>ai.onnx</c>.</summary>
    public OnnxGraphNode Node(string op, string[] inputs, string[] outputs, string domain = "")
        => new(_ctx.CreateNode(op, inputs, outputs, _ctx.GetNodeName("mlr_" + op), domain));

    /// <summary>Adds a node with one output, a fresh temporary, and returns that output's name.</summary>
    public string Apply(string op, string[] inputs, Action<OnnxGraphNode>? attributes = null, string domain = "")
    {
        string output = Temp(op);
        OnnxGraphNode node = Node(op, inputs, [output], domain);
        attributes?.Invoke(node);
        return output;
    }

    /// <summary>A float constant of shape <paramref name="dims"/> (none: a scalar).</summary>
    public string Constant(float[] values, params long[] dims) =>
        dims.Length == 0 ? _ctx.AddInitializer(values.Single(), "mlr_const") : _ctx.AddInitializer(values, dims,
            "mlr_const");

    /// <summary>An int64 constant of shape <paramref name="dims"/> (none: a scalar).</summary>
    public string Constant(long[] values, params long[] dims) =>
        dims.Length == 0 ? _ctx.AddInitializer(values.Single(), "mlr_const") : _ctx.AddInitializer(values, dims,
            "mlr_const");

    /// <summary>A string constant of shape <paramref name="dims"/> (none: a scalar).</summary>
    public string Constant(string[] values, params long[] dims) => _ctx.AddInitializer(values, dims, "mlr_const");
}

/// <summary>Sets attributes on a node that <see cref="OnnxGraph"/> added.</summary>
internal readonly struct OnnxGraphNode
{
    private readonly OnnxNode _node;

    internal OnnxGraphNode(OnnxNode node)
    {
        _node = node;
    }

    public OnnxGraphNode Set(string name, long value)
    {
        _node.AddAttribute(name, value);
        return this;
    }

    public OnnxGraphNode Set(string name, float value)
    {
        _node.AddAttribute(name, (double)value);
        return this;
    }

    public OnnxGraphNode Set(string name, string value)
    {
        _node.AddAttribute(name, value);
        return this;
    }

    public OnnxGraphNode Set(string name, long[] values)
    {
        _node.AddAttribute(name, (IEnumerable<long>)values);
        return this;
    }

    public OnnxGraphNode Set(string name, string[] values)
    {
        _node.AddAttribute(name, (IEnumerable<string>)values);
        return this;
    }
}
