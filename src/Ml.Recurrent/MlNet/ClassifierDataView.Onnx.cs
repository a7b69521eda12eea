using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Model.OnnxConverter;
using Ml.Recurrent.Onnx;

namespace Ml.Recurrent.Scoring;

/// <summary>
/// Takes part in ML.NET's <c>ConvertToOnnx</c> (see <c>RowMappedDataView</c>'s ONNX part): exports the classifier
/// exactly or throws <see cref="NotSupportedException"/> naming what cannot be exported.
/// </summary>
internal sealed partial class ClassifierDataView : ITransformCanSaveOnnx
{
    IDataView IDataTransform.Source => _source;

    bool ICanSaveOnnx.CanSaveOnnx(OnnxContext ctx) => true;

    void ISaveAsOnnx.SaveAsOnnx(OnnxContext ctx) => OnnxExport.SaveMapper(_mapper, new MlNet.OnnxGraph(ctx));

    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException("Save the transformer (mlContext.Model.Save), not the data view it returned.");
}
