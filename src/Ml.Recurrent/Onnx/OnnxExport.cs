using Ml.Recurrent.MlNet;

namespace Ml.Recurrent.Onnx;

/// <summary>
/// What our ONNX exporters share: how a token column's real lengths travel with it through the graph, and the
/// check that an exporter's input column has an ONNX value. The exporters live with their components
/// (<c>Tokenization/TokenizerOnnxExporter</c>, <c>Classification/ClassifierOnnxExporter</c>); anything without an
/// exact exporter throws <see cref="NotSupportedException"/>, so an export is never a silent pass-through.
/// </summary>
internal static class OnnxExport
{
    /// <summary>
    /// The hidden column holding the real length (int64 <c>[N]</c>) of each row of the token variable
    /// <paramref name="tokensVariable"/> (<c>[N, T]</c>, right-padded with key 0), when our tokenizer produced it.
    /// Keyed on the variable, not the column name, so a later step that replaces the column cannot pair it
    /// with stale lengths.
    /// </summary>
    public static string LengthsColumnFor(string tokensVariable) => "mlr_lengths_of_" + tokensVariable;

    /// <summary>Throws when the column a component reads has no ONNX variable (an earlier step was not
    /// exported).</summary>
    public static string InputVariable(OnnxGraph graph, string component, string column)
    {
        if (!graph.HasColumn(column))
        {
            throw new NotSupportedException($"{component} cannot be exported to ONNX: its input column '{column}' " +
                "has no ONNX value (the step that produced it was not exported).");
        }

        return graph.ColumnVariable(column);
    }
}
