using Ml.Recurrent.MlNet;

namespace Ml.Recurrent.Onnx;

/// <summary>Writes <see cref="RecurrentTextClassifierTransformer"/> as ONNX nodes.</summary>
internal static class ClassifierOnnxExporter
{
    public static void Save(OnnxGraph graph, RecurrentTextClassifierTransformer classifier, string tokensColumn)
    {
        string component = $"{nameof(RecurrentTextClassifierTransformer)} (input column '{tokensColumn}')";
        if (classifier.Model.Cell == RecurrentCell.Custom)
            throw new NotSupportedException($"{component} cannot be exported to ONNX: its custom recurrent cell '{classifier.Model.CustomCellName}' is C# code run step by step, which has no ONNX operator.");
        throw new NotSupportedException($"{component} cannot be exported to ONNX yet: no exact ONNX graph of the recurrent model exists in this version.");
    }
}
