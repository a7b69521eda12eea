using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.Modeling;

namespace Ml.Recurrent.Tests.Onnx;

/// <summary>
/// ML.NET's <c>ConvertToOnnx</c> stops its walk back through a pipeline at the first view that cannot save
/// itself as ONNX and then writes a graph that passes every column through. What we cannot export exactly
/// must throw instead, naming the component and the reason.
/// </summary>
[TestClass]
public sealed class OnnxExportRefusalTests
{
    [TestMethod]
    public void ConvertToOnnx_Cl100kTokenizer_ThrowsNotSupported_NamingTokenizer()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = TestCorpus.Load(ml, TestCorpus.Binary(20, seed: 1));
        ITransformer tokenizer = ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text",
            new RecurrentTokenizerOptions { Pretrained = PretrainedTokenizer.Cl100kBase }).Fit(data);

        var error = Assert.ThrowsExactly<NotSupportedException>(() => ml.Model.ConvertToOnnx(tokenizer, data, new MemoryStream()));

        StringAssert.Contains(error.Message, nameof(RecurrentTokenizerTransformer));
        StringAssert.Contains(error.Message, "Cl100kBase");
    }

    [TestMethod]
    public void ConvertToOnnx_CustomCell_ThrowsNotSupported_NamingCell()
    {
        RecurrentCellRegistry.Register("test.onnx-custom", (i, h) => new ElmanCell(i, h));
        var ml = new MLContext(seed: 1);
        IDataView data = TestCorpus.Load(ml, TestCorpus.Binary(20, seed: 1));
        RecurrentTextClassifierOptions options = ClassifierTests.Small(RecurrentCell.Custom, epochs: 1);
        options.CustomCellName = "test.onnx-custom";
        var model = (IEnumerable<ITransformer>)ClassifierTests.BinaryPipeline(ml, options).Fit(data);
        IDataView tokens = ml.Data.Cache(model.First().Transform(data));

        var error = Assert.ThrowsExactly<NotSupportedException>(() => ml.Model.ConvertToOnnx(model.Last(), tokens, new MemoryStream()));

        StringAssert.Contains(error.Message, nameof(RecurrentTextClassifierTransformer));
        StringAssert.Contains(error.Message, "test.onnx-custom");
    }
}
