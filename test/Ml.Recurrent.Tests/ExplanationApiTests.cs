using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Recurrent.Tests;

/// <summary>How explanations are reached and what they hold: loaded models, data views, tokens, options.</summary>
[TestClass]
public sealed class ExplanationApiTests
{
    [TestMethod]
    public void LoadedModelZip_ExplainsExactlyLikeTheTrainedModel()
    {
        (MLContext ml, ITransformer trained) = ExplanationCorpus.Multiclass;
        string zip = Path.Combine(Path.GetTempPath(), $"mlr-explain-{Guid.NewGuid():N}.zip");
        ml.Model.Save(trained, null, zip);
        var fresh = new MLContext(seed: 9);
        ITransformer loaded = fresh.Model.Load(zip, out _);
        File.Delete(zip);

        foreach (AttributionMethod method in Enum.GetValues<AttributionMethod>())
        {
            var options = new TokenExplanationOptions { Method = method };
            TextExplanation a = ml.Model.CreateRecurrentExplainer(trained, options).Explain("the chip and the pasta sauce");
            TextExplanation b = fresh.Model.CreateRecurrentExplainer(loaded, options).Explain("the chip and the pasta sauce");
            CollectionAssert.AreEqual(a.Tokens.Select(t => t.Token).ToArray(), b.Tokens.Select(t => t.Token).ToArray());
            CollectionAssert.AreEqual(a.Tokens.Select(t => t.Attribution).ToArray(), b.Tokens.Select(t => t.Attribution).ToArray(), method.ToString());
        }
    }

    [TestMethod]
    public void Tokens_AreAsTheModelSawThem_WithMarkersUnknownWordsAndTruncation()
    {
        var ml = new MLContext(seed: 1);
        IEstimator<ITransformer> pipeline = ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text",
                new RecurrentTokenizerOptions { MinimumCount = 1, MaximumLength = 6 })
            .Append(ml.BinaryClassification.Trainers.RecurrentTextClassifier(ClassifierTests.Small(epochs: 1)));
        ITransformer model = pipeline.Fit(TestCorpus.Load(ml, ExplanationCorpus.Decisive(40, seed: 1)));
        RecurrentExplainer explainer = ml.Model.CreateRecurrentExplainer(model);

        TextExplanation e = explainer.Explain("The GOOD zyzzyva film was good and long");

        CollectionAssert.AreEqual(new[] { "xxmaj", "the", "xxup", "good", "xxunk", "film" }, e.Tokens.Select(t => t.Token).ToArray());
        CollectionAssert.AreEqual(new[] { TokenKind.CapitalizationMarker, TokenKind.Word, TokenKind.CapitalizationMarker, TokenKind.Word,
            TokenKind.Unknown, TokenKind.Word }, e.Tokens.Select(t => t.Kind).ToArray());
        Assert.AreEqual(4, e.TruncatedTokenCount, "was, good, and, long were cut");
        Assert.IsTrue(e.Truncated);
        Assert.AreEqual(0, explainer.Explain("the film").TruncatedTokenCount);
        TextExplanation empty = explainer.Explain("");
        Assert.AreEqual(TokenKind.Missing, empty.Tokens.Single().Kind);
    }

    [TestMethod]
    public void Transform_AddsTokenAndAttributionColumns_MatchingExplainForEachRow()
    {
        (MLContext ml, ITransformer model) = ExplanationCorpus.Multiclass;
        var options = new TokenExplanationOptions { TargetClass = "food" };
        RecurrentExplainer explainer = ml.Model.CreateRecurrentExplainer(model, options);
        List<TestCorpus.Row> rows = TestCorpus.Multiclass(6, seed: 50);
        IDataView explained = explainer.Transform(TestCorpus.Load(ml, rows));

        DataViewSchema predictedSchema = explainer.GetOutputSchema(TestCorpus.Load(ml, rows).Schema);
        CollectionAssert.AreEqual(explained.Schema.Select(c => $"{c.Name}:{c.Type}").ToArray(),
            predictedSchema.Select(c => $"{c.Name}:{c.Type}").ToArray(), "schema");
        var tokens = explained.GetColumn<string[]>(options.TokensColumnName).ToList();
        var attributions = explained.GetColumn<float[]>(options.AttributionsColumnName).ToList();
        var classes = explained.GetColumn<string>(options.ExplainedClassColumnName).ToList();
        var predicted = explained.GetColumn<string>("PredictedLabel").ToList();
        Assert.HasCount(rows.Count, tokens);
        for (int i = 0; i < rows.Count; i++)
        {
            TextExplanation e = explainer.Explain(rows[i].Text);
            CollectionAssert.AreEqual(e.Tokens.Select(t => t.Token).ToArray(), tokens[i], $"row {i}");
            CollectionAssert.AreEqual(e.Tokens.Select(t => t.Attribution).ToArray(), attributions[i], $"row {i}");
            Assert.AreEqual("food", classes[i]);
            Assert.AreEqual(predicted[i], e.PredictedClass, "the explainer's predicted class agrees with the model's column");
        }
    }

    [TestMethod]
    public void TargetClass_OtherThanPredicted_ChangesTheAttributions()
    {
        RecurrentExplainer explainer = RecurrentExplainer.FromModel(ExplanationCorpus.Multiclass.Model);
        TextExplanation predicted = explainer.Explain("the goal of the match was pasta");
        string other = explainer.ClassNames.First(c => c != predicted.PredictedClass);
        TextExplanation asked = explainer.Explain("the goal of the match was pasta", other);

        Assert.AreEqual(other, asked.ExplainedClass);
        Assert.AreEqual(predicted.PredictedClass, asked.PredictedClass);
        CollectionAssert.AreNotEqual(predicted.Tokens.Select(t => t.Attribution).ToArray(), asked.Tokens.Select(t => t.Attribution).ToArray());
    }

    [TestMethod]
    public void PaddingEmbedding_TheBaseline_IsZeroInATrainedModel()
    {
        RecurrentExplainer explainer = RecurrentExplainer.FromModel(ExplanationCorpus.Binary.Model);
        float[] padding = explainer.Classifier.Scorer.Use(m => m.EmbeddingWeight[0].data<float>().ToArray());
        Assert.HasCount(explainer.Classifier.Model.Architecture.EmbeddingSize, padding);
        Assert.IsTrue(padding.All(v => v == 0), string.Join(", ", padding));
    }

    [TestMethod]
    public void BadOptions_AreRejected_NamingTheOptionAndValue()
    {
        ITransformer model = ExplanationCorpus.Multiclass.Model;
        var steps = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => RecurrentExplainer.FromModel(model, new TokenExplanationOptions { Steps = 0 }));
        StringAssert.Contains(steps.Message, "Steps must be from 1 to 1024; got 0");
        var target = Assert.ThrowsExactly<ArgumentException>(() => RecurrentExplainer.FromModel(model, new TokenExplanationOptions { TargetClass = "music" }));
        StringAssert.Contains(target.Message, "'music' is not a class of this model; its classes are");
        var columns = Assert.ThrowsExactly<ArgumentException>(() => RecurrentExplainer.FromModel(model,
            new TokenExplanationOptions { AttributionsColumnName = TokenExplanationOptions.DefaultTokensColumnName }));
        StringAssert.Contains(columns.Message, "AttributionsColumnName and TokensColumnName must differ");
        var noClassifier = Assert.ThrowsExactly<ArgumentException>(() =>
            RecurrentExplainer.FromModel(new MLContext().Transforms.Text.TokenizeForRecurrent("T", "Text").Fit(TestCorpus.Load(new MLContext(), TestCorpus.Multiclass(9, 1)))));
        StringAssert.Contains(noClassifier.Message, "holds no RecurrentTextClassifierTransformer");
    }
}
