using Ml.Recurrent.DataView;
using Ml.Recurrent.MlNet;
using Ml.Recurrent.Scoring;
using Ml.Recurrent.Tokenization;

namespace Ml.Recurrent.Onnx;

/// <summary>
/// Entry point of our part of <c>mlContext.Model.ConvertToOnnx</c>: dispatches a view's mapper to its exporter.
/// Anything without an exact exporter throws <see cref="NotSupportedException"/> naming the component and the
/// reason, so an export is never a silent pass-through.
/// </summary>
internal static class OnnxExport
{
    public static void SaveMapper(AppendColumnsMapper mapper, OnnxGraph graph)
    {
        switch (mapper)
        {
            case TokenizerRowMapper tokenizer:
                TokenizerOnnxExporter.Save(graph, tokenizer.Parent, tokenizer.Input.Name);
                break;
            case ClassifierRowMapper classifier:
                ClassifierOnnxExporter.Save(graph, classifier.Parent, classifier.Tokens.Name);
                break;
            default:
                throw new NotSupportedException($"{mapper.GetType().Name} cannot be exported to ONNX: it has no ONNX exporter.");
        }
    }

    /// <summary>
    /// The hidden column holding the real length (int64 <c>[N]</c>) of each row of the token variable
    /// <paramref name="tokensVariable"/> (<c>[N, T]</c>, right-padded with key 0), when our tokenizer produced it.
    /// Keyed on the variable, not the column name, so a later step that replaces the column cannot pair it
    /// with stale lengths.
    /// </summary>
    public static string LengthsColumnFor(string tokensVariable) => "mlr_lengths_of_" + tokensVariable;

    /// <summary>Throws when the column a component reads has no ONNX variable (an earlier step was not exported).</summary>
    public static string InputVariable(OnnxGraph graph, string component, string column)
    {
        if (!graph.HasColumn(column))
            throw new NotSupportedException($"{component} cannot be exported to ONNX: its input column '{column}' has no ONNX value (the step that produced it was not exported).");
        return graph.ColumnVariable(column);
    }
}
