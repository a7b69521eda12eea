using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Model.OnnxConverter;

namespace Ml.Recurrent.MlNet;

/// <summary>
/// Base of the views our transformers return, so that they take part in ML.NET's <c>ConvertToOnnx</c>. That call
/// walks back through the pipeline and needs every view to be an ML.NET-internal <c>ITransformCanSaveOnnx</c>; at
/// the first that is not, it only logs a warning and writes a graph that passes every column through. These views
/// always say they can save, and their export either writes the exact graph or throws
/// <see cref="NotSupportedException"/> naming the component and the reason.
/// </summary>
internal abstract class OnnxSavableDataView : IDataView, ITransformCanSaveOnnx
{
    /// <summary>The view this one reads.</summary>
    public abstract IDataView Source { get; }

    public abstract bool CanShuffle { get; }

    public abstract DataViewSchema Schema { get; }

    public abstract long? GetRowCount();

    public abstract DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded,
        Random? rand = null);

    public abstract DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n,
        Random? rand = null);

    /// <summary>Writes this view's columns as ONNX nodes, or throws <see cref="NotSupportedException"/>.</summary>
    public abstract void SaveAsOnnx(OnnxGraph graph);

    bool ICanSaveOnnx.CanSaveOnnx(OnnxContext ctx) => true;

    void ISaveAsOnnx.SaveAsOnnx(OnnxContext ctx) => SaveAsOnnx(new OnnxGraph(ctx));

    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException("Save the transformer (mlContext.Model.Save), not the data view it returned.");
}
