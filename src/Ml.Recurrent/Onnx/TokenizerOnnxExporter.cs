using Ml.Recurrent.MlNet;

namespace Ml.Recurrent.Onnx;

/// <summary>Writes <see cref="RecurrentTokenizerTransformer"/> as ONNX nodes.</summary>
internal static class TokenizerOnnxExporter
{
    public static void Save(OnnxGraph graph, RecurrentTokenizerTransformer tokenizer, string inputColumn)
    {
        string component = $"{nameof(RecurrentTokenizerTransformer)} (column '{tokenizer.OutputColumnName}')";
        if (tokenizer.Pretrained != PretrainedTokenizer.None)
            throw new NotSupportedException($"{component} cannot be exported to ONNX: the pretrained {tokenizer.Pretrained} tokenizer is byte-pair encoding, which the standard ONNX operators available through ConvertToOnnx (opset 12) cannot express.");
        throw new NotSupportedException($"{component} cannot be exported to ONNX yet: no exact ONNX graph of the word tokenizer exists in this version.");
    }
}
