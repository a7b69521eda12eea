using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Recurrent.Tests.Onnx;

/// <summary>
/// A whole pipeline (ML.NET's MapValueToKey / MapKeyToValue around our tokenizer and classifier) exported with the
/// stock <c>ConvertToOnnx</c>: raw text in, the same columns out, scores equal to <c>Transform</c>'s within 1e-5
/// on hostile texts, all in one ragged batch and each alone.
/// </summary>
[TestClass]
public sealed class PipelineOnnxExportTests
{
    private const float Tolerance = 1e-5f;

    [TestMethod]
    [DataRow(RecurrentCell.Lstm, SequencePooling.LastMaxMean, 0)]
    [DataRow(RecurrentCell.Gru, SequencePooling.Last, 0)]
    [DataRow(RecurrentCell.Lstm, SequencePooling.LastMaxMean, 6)]
    public void Multiclass_TextToLabel_EqualsTransform_InOneRaggedBatchAndAlone(RecurrentCell cell, SequencePooling pooling,
        int recurrentWindow)
    {
        var ml = new MLContext(seed: 1);
        RecurrentTextClassifierOptions options = Options(cell, pooling);
        options.MaximumRecurrentLength = recurrentWindow;
        ITransformer model = ClassifierTests.MulticlassPipeline(ml, options).Fit(TestCorpus.Load(ml, TestCorpus.Multiclass(60, seed: 1)));
        string[] texts = HostileTexts.All.Concat(TestCorpus.Multiclass(6, seed: 9).Select(r => r.Text)).ToArray();
        IDataView input = TestCorpus.Load(ml, texts.Select(t => new TestCorpus.Row { Text = t, Label = "food" }));
        IDataView scored = model.Transform(input);
        float[][] expected = scored.GetColumn<float[]>("Score").ToArray();
        string[] labels = scored.GetColumn<string>("PredictedLabel").ToArray();
        using var onnx = Export(ml, model, input);

        AssertScores(onnx, texts, expected, labels, batch: true);
        AssertScores(onnx, texts, expected, labels, batch: false);
    }

    [TestMethod]
    public void Binary_TextToScoreProbabilityAndLabel_EqualsTransform_InOneRaggedBatchAndAlone()
    {
        var ml = new MLContext(seed: 1);
        ITransformer model = ClassifierTests.BinaryPipeline(ml, Options(RecurrentCell.Rnn, SequencePooling.Mean)).Fit(TestCorpus.Load(ml, TestCorpus.Binary(40, seed: 1)));
        string[] texts = HostileTexts.All;
        IDataView input = TestCorpus.Load(ml, texts.Select(t => new TestCorpus.BinaryRow { Text = t }));
        IDataView scored = model.Transform(input);
        float[][] expected = scored.GetColumn<float>("Score").Zip(scored.GetColumn<float>("Probability"), (s, p) => new[] { s, p }).ToArray();
        string[] labels = scored.GetColumn<bool>("PredictedLabel").Select(b => b.ToString()).ToArray();
        using var onnx = Export(ml, model, input);

        foreach (bool batch in new[] { true, false })
        {
            foreach ((string[] part, int offset) in Parts(texts, batch))
            {
                var outputs = onnx.Run([OnnxRunner.Strings("Text", part), .. onnx.Placeholders(part.Length, "Text")]);
                var score = (float[])outputs["Score.output"];
                var probability = (float[])outputs["Probability.output"];
                var predicted = (bool[])outputs["PredictedLabel.output"];
                for (int i = 0; i < part.Length; i++)
                {
                    string what = $"text #{offset + i} (batch={batch}): «{part[i]}»";
                    Assert.AreEqual(expected[offset + i][0], score[i], Tolerance, what);
                    Assert.AreEqual(expected[offset + i][1], probability[i], Tolerance, what);
                    Assert.AreEqual(labels[offset + i], predicted[i].ToString(), what);
                }
            }
        }
    }

    private static RecurrentTextClassifierOptions Options(RecurrentCell cell, SequencePooling pooling) => new()
    {
        Cell = cell, Pooling = pooling, Bidirectional = true, NumberOfLayers = 2, EmbeddingSize = 8, HiddenSize = 6,
        HeadHiddenSize = 5, BatchSize = 8, NumberOfEpochs = 1, LearningRate = 0.05f, Seed = 3, NumberOfThreads = 1,
    };

    private static OnnxRunner Export(MLContext ml, ITransformer model, IDataView input)
    {
        using var stream = new MemoryStream();
        ml.Model.ConvertToOnnx(model, input, stream);
        return new OnnxRunner(stream.ToArray());
    }

    private static IEnumerable<(string[] Part, int Offset)> Parts(string[] texts, bool batch) =>
        batch ? [(texts, 0)] : texts.Select((t, i) => (new[] { t }, i));

    private static void AssertScores(OnnxRunner onnx, string[] texts, float[][] expected, string[] labels, bool batch)
    {
        foreach ((string[] part, int offset) in Parts(texts, batch))
        {
            var outputs = onnx.Run([OnnxRunner.Strings("Text", part), .. onnx.Placeholders(part.Length, "Text")]);
            var score = (float[])outputs["Score.output"];
            var predicted = (string[])outputs["PredictedLabel.output"];
            int classes = expected[0].Length;
            for (int i = 0; i < part.Length; i++)
            {
                string what = $"text #{offset + i} (batch={batch}): «{part[i]}»";
                for (int c = 0; c < classes; c++)
                    Assert.AreEqual(expected[offset + i][c], score[i * classes + c], Tolerance, $"{what} class {c}");
                Assert.AreEqual(labels[offset + i], predicted[i], what);
            }
        }
    }
}
