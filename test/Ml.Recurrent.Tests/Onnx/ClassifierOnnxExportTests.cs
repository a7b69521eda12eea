using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;

namespace Ml.Recurrent.Tests.Onnx;

/// <summary>
/// The classifier alone, exported with the token key column as the graph input: ONNX Runtime's scores equal
/// <c>Transform</c>'s within 1e-5 for every text, for every cell × direction × pooling × task (head activations
/// and stacking varied across the combinations). Tiny models, one epoch: equality, not accuracy, is tested.
/// </summary>
[TestClass]
public sealed class ClassifierOnnxExportTests
{
    private const float Tolerance = 1e-5f;

    private static readonly HeadActivation[] Activations =
        [HeadActivation.Relu, HeadActivation.Elu, HeadActivation.LeakyRelu, HeadActivation.Tanh, HeadActivation.None];

    [TestMethod]
    [DataRow(RecurrentCell.Rnn, RnnActivation.Tanh)]
    [DataRow(RecurrentCell.Rnn, RnnActivation.Relu)]
    [DataRow(RecurrentCell.Lstm, RnnActivation.Tanh)]
    [DataRow(RecurrentCell.Gru, RnnActivation.Tanh)]
    [DataRow(RecurrentCell.HandWrittenRnn, RnnActivation.Tanh)]
    [DataRow(RecurrentCell.HandWrittenRnn, RnnActivation.Relu)]
    public void OnnxRuntimeScores_EqualTransform_ForEveryDirectionPoolingAndTask(RecurrentCell cell, RnnActivation activation)
    {
        int combination = 0;
        foreach (bool binary in new[] { true, false })
        foreach (bool bidirectional in new[] { false, true })
        foreach (SequencePooling pooling in Enum.GetValues<SequencePooling>())
        {
            var options = new RecurrentTextClassifierOptions
            {
                Cell = cell, RnnActivation = activation, Bidirectional = bidirectional, Pooling = pooling,
                NumberOfLayers = combination % 3 == 0 ? 2 : 1, EmbeddingSize = 6, HiddenSize = 5,
                HeadHiddenSize = combination % 6 == 5 ? 0 : 4, HeadActivation = Activations[combination % Activations.Length],
                BatchSize = 8, NumberOfEpochs = 1, LearningRate = 0.05f, Seed = 3, NumberOfThreads = 1,
            };
            combination++;
            string what = $"{cell}/{activation} binary={binary} bidirectional={bidirectional} {pooling} layers={options.NumberOfLayers} head={options.HeadHiddenSize}/{options.HeadActivation}";
            AssertClassifierExportMatches(options, binary, what);
        }
    }

    [TestMethod]
    [DataRow(true, 1, BagOfNgramsWeighting.InverseDocumentFrequency)]
    [DataRow(false, 2, BagOfNgramsWeighting.InverseDocumentFrequency)]
    [DataRow(true, 3, BagOfNgramsWeighting.InverseDocumentFrequency)]
    [DataRow(false, 2, BagOfNgramsWeighting.Count)]
    public void OnnxRuntimeScores_EqualTransform_WithTheBagOfNgramsPath(bool binary, int ngramLength,
        BagOfNgramsWeighting weighting)
    {
        var options = new RecurrentTextClassifierOptions
        {
            EmbeddingSize = 6, HiddenSize = 5, HeadHiddenSize = 4, BatchSize = 8, NumberOfEpochs = 2,
            LearningRate = 0.05f, Seed = 3, NumberOfThreads = 1, BagOfNgramsLength = ngramLength,
            BagOfNgramsBuckets = 97, BagOfNgramsWeighting = weighting,
        };
        AssertClassifierExportMatches(options, binary,
            $"bag of 1..{ngramLength}-grams, {weighting}, binary={binary}");
    }

    [TestMethod]
    [DataRow(false, 0)]
    [DataRow(true, 2)]
    public void OnnxRuntimeScores_EqualTransform_WhenTheRecurrentWindowCutsTexts(bool binary, int ngramLength)
    {
        // The tokenizer keeps 9 tokens; the recurrent part reads 5 of the longer ones (head 1, tail 4).
        var options = new RecurrentTextClassifierOptions
        {
            EmbeddingSize = 6, HiddenSize = 5, HeadHiddenSize = 4, BatchSize = 8, NumberOfEpochs = 2,
            LearningRate = 0.05f, Seed = 3, NumberOfThreads = 1, MaximumRecurrentLength = 5,
            BagOfNgramsLength = ngramLength, BagOfNgramsBuckets = 97,
        };
        AssertClassifierExportMatches(options, binary, $"window 5, bag {ngramLength}, binary={binary}");
    }

    private static void AssertClassifierExportMatches(RecurrentTextClassifierOptions options, bool binary, string what)
    {
        var ml = new MLContext(seed: 1);
        IDataView train = binary ? TestCorpus.Load(ml, TestCorpus.Binary(24, seed: 1)) : TestCorpus.Load(ml, TestCorpus.Multiclass(24, seed: 1));
        var tokenize = ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", new RecurrentTokenizerOptions { MinimumCount = 2, MaximumLength = 9 });
        IEstimator<ITransformer> pipeline = binary
            ? tokenize.Append(ml.BinaryClassification.Trainers.RecurrentTextClassifier(options))
            : ml.Transforms.Conversion.MapValueToKey("Label").Append(tokenize).Append(ml.MulticlassClassification.Trainers.RecurrentTextClassifier(options));
        var chain = ((IEnumerable<ITransformer>)pipeline.Fit(train)).ToList();

        // The classifier's input: cached token keys (the cache ends ML.NET's walk back, so only the classifier exports).
        IDataView tokens = ml.Data.Cache(new TransformerChain<ITransformer>(chain.SkipLast(1).ToArray()).Transform(train));
        ITransformer classifier = chain.Last();
        using var stream = new MemoryStream();
        ml.Model.ConvertToOnnx(classifier, tokens, stream);
        using var onnx = new OnnxRunner(stream.ToArray());

        IDataView scored = classifier.Transform(tokens);
        uint[][] keys = scored.GetColumn<VBuffer<uint>>("Tokens").Select(v => v.DenseValues().ToArray()).ToArray();
        float[][] expected = binary
            ? scored.GetColumn<float>("Score").Zip(scored.GetColumn<float>("Probability"), (s, p) => new[] { s, p }).ToArray()
            : scored.GetColumn<float[]>("Score").ToArray();
        uint[] expectedLabels = binary ? scored.GetColumn<bool>("PredictedLabel").Select(b => b ? 1u : 0u).ToArray() : scored.GetColumn<uint>("PredictedLabel").ToArray();

        for (int row = 0; row < keys.Length; row++)
        {
            var inputs = new List<NamedOnnxValue> { OnnxRunner.Keys("Tokens", [keys[row]]) };
            inputs.AddRange(onnx.Placeholders(1, "Tokens"));
            Dictionary<string, Array> outputs = onnx.Run(inputs);
            float[] actual = binary
                ? [((float[])outputs["Score.output"])[0], ((float[])outputs["Probability.output"])[0]]
                : (float[])outputs["Score.output"];
            uint label = binary ? (((bool[])outputs["PredictedLabel.output"])[0] ? 1u : 0u) : ((uint[])outputs["PredictedLabel.output"])[0];
            Assert.HasCount(expected[row].Length, actual, what);
            for (int j = 0; j < actual.Length; j++)
                Assert.AreEqual(expected[row][j], actual[j], Tolerance, $"{what}: row {row} ({keys[row].Length} tokens) output {j}");
            Assert.AreEqual(expectedLabels[row], label, $"{what}: row {row} predicted label");
        }
    }
}
