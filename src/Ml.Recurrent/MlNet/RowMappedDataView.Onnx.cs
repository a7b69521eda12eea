using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Model.OnnxConverter;
using Ml.Recurrent.Onnx;

namespace Ml.Recurrent.DataView;

/// <summary>
/// Takes part in ML.NET's <c>ConvertToOnnx</c>: the walk back through the pipeline needs every view to be an
/// ML.NET-internal <c>ITransformCanSaveOnnx</c>, or it silently stops there and exports a pass-through graph.
/// This view always says it can save, and its export either writes the exact graph or throws
/// <see cref="NotSupportedException"/> naming the component.
/// </summary>
internal sealed partial class RowMappedDataView : ITransformCanSaveOnnx
{
    IDataView IDataTransform.Source => _source;

    bool ICanSaveOnnx.CanSaveOnnx(OnnxContext ctx) => true;

    void ISaveAsOnnx.SaveAsOnnx(OnnxContext ctx) => OnnxExport.SaveMapper(_mapper, new MlNet.OnnxGraph(ctx));

    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException("Save the transformer (mlContext.Model.Save), not the data view it returned.");
}
