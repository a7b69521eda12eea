using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Recurrent.Samples.Onnx;

/// <summary>Scores an exported model through ML.NET's own ONNX Runtime bridge, <c>ApplyOnnxModel</c>
/// (Microsoft.ML.OnnxTransformer).</summary>
internal static class ApplyOnnxModelScorer
{
    private sealed class Row
    {
        [LoadColumn(0)]
        public string Label { get; set; } = string.Empty;

        [LoadColumn(1)]
        public string Text { get; set; } = string.Empty;
    }

    public static string[] Score(string model, string data)
    {
        var ml = new MLContext(seed: 1);
        IDataView rows = ml.Data.LoadFromTextFile<Row>(data, '\t', hasHeader: true, allowQuoting: false);
        ITransformer onnx = ml.Transforms.ApplyOnnxModel(model).Fit(rows);
        IDataView scored = onnx.Transform(rows);
        // ML.NET names the outputs of a model it exported after the original columns
        // ("PredictedLabel.output" → "PredictedLabel").
        DataViewSchema.Column column = scored.Schema.Last(c => c.Name is "PredictedLabel" or "PredictedLabel.output");
        return column.Type is VectorDataViewType { ItemType: BooleanDataViewType }
            ? scored.GetColumn<bool[]>(column).Select(v => v[0] ? "True" : "False").ToArray()
            : scored.GetColumn<string[]>(column).Select(v => v[0]).ToArray();
    }
}
