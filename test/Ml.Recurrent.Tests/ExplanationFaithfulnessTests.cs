using Microsoft.ML;
using static TorchSharp.torch;

namespace Ml.Recurrent.Tests;

/// <summary>Whether the attributions describe the model: completeness, a decisive word, weight randomisation,
/// deletion.</summary>
[TestClass]
public sealed class ExplanationFaithfulnessTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void IntegratedGradients_AtDefaultSteps_SumToScoreMinusBaselineWithinOnePercent()
    {
        var options = new TokenExplanationOptions();
        var binary = RecurrentExplainer.FromModel(ExplanationCorpus.Binary.Model, options);
        var multiclass = RecurrentExplainer.FromModel(ExplanationCorpus.Multiclass.Model, options);
        var explanations = new List<TextExplanation>();
        foreach (TestCorpus.BinaryRow row in ExplanationCorpus.Decisive(20, seed: 11)) explanations.Add(binary.Explain(row.Text));
        foreach (TestCorpus.Row row in TestCorpus.Multiclass(15, seed: 12))
        {
            explanations.Add(multiclass.Explain(row.Text));
            explanations.Add(multiclass.Explain(row.Text, "tech"));
        }

        int checkedCount = 0;
        double worst = 0;
        foreach (TextExplanation e in explanations)
        {
            double difference = e.Score - e.BaselineScore;
            if (Math.Abs(difference) < 0.05) continue;
            checkedCount++;
            double relative = Math.Abs(e.CompletenessGap) / Math.Abs(difference);
            worst = Math.Max(worst, relative);
            Assert.IsLessThanOrEqualTo(0.01, relative, $"gap {e.CompletenessGap} for difference {difference} " +
                $"({string.Join(' ', e.Tokens.Select(t => t.Token))}, class {e.ExplainedClass})");
        }

        TestContext.WriteLine($"{checkedCount} explanations checked; worst relative gap {worst:P3}");
        Assert.IsGreaterThanOrEqualTo(40, checkedCount, "too few texts moved the output away from the baseline to check completeness");
    }

    [TestMethod]
    [DataRow(AttributionMethod.IntegratedGradients)]
    [DataRow(AttributionMethod.Occlusion)]
    public void OneWordDecidesTheLabel_ThatWordGetsTheLargestAttribution(AttributionMethod method)
    {
        var explainer = RecurrentExplainer.FromModel(ExplanationCorpus.Binary.Model, new TokenExplanationOptions { Method = method });
        int texts = 0;
        foreach (TestCorpus.BinaryRow row in ExplanationCorpus.Decisive(30, seed: 21))
        {
            TextExplanation e = explainer.Explain(row.Text);
            Assert.AreEqual(row.Label.ToString(), e.PredictedClass, $"the model misclassifies '{row.Text}'");
            string top = e.Tokens.MaxBy(t => t.Attribution)!.Token;
            Assert.AreEqual(row.Label ? ExplanationCorpus.Positive : ExplanationCorpus.Negative, top,
                $"'{row.Text}': {Format(e)}");
            texts++;
        }

        Assert.AreEqual(30, texts);
    }

    [TestMethod]
    public void ReinitialisedWeights_GiveAttributionsUnlikeTheTrainedModels()
    {
        (MLContext ml, ITransformer trained) = ExplanationCorpus.Binary;
        string zip = Path.Combine(Path.GetTempPath(), $"mlr-explain-{Guid.NewGuid():N}.zip");
        ml.Model.Save(trained, null, zip);
        ITransformer copy = ml.Model.Load(zip, out _);
        File.Delete(zip);
        var original = RecurrentExplainer.FromModel(trained);
        var randomised = RecurrentExplainer.FromModel(copy, new TokenExplanationOptions { TargetClass = "True" });
        Reinitialise(randomised.Classifier, seed: 5);

        var correlations = new List<double>();
        int decisiveOnTop = 0;
        foreach (TestCorpus.BinaryRow row in ExplanationCorpus.Decisive(30, seed: 31))
        {
            TextExplanation a = original.Explain(row.Text, "True"), b = randomised.Explain(row.Text);
            correlations.Add(Pearson(a.Tokens.Select(t => (double)t.Attribution).ToArray(), b.Tokens.Select(t => (double)t.Attribution).ToArray()));
            string decisive = row.Label ? ExplanationCorpus.Positive : ExplanationCorpus.Negative;
            if (b.Tokens.MaxBy(t => Math.Abs(t.Attribution))!.Token == decisive) decisiveOnTop++;
        }

        double mean = correlations.Average();
        TestContext.WriteLine($"mean Pearson correlation trained vs re-initialised: {mean:F3}; " +
            $"decisive word on top after re-initialisation in {decisiveOnTop} of 30");
        Assert.IsLessThan(0.5, Math.Abs(mean), $"mean correlation {mean:F3}: attributions ignore the weights");
        Assert.IsLessThan(15, decisiveOnTop, "a model with random weights still singles out the decisive word");
    }

    [TestMethod]
    public void DeletingTopThreeTokens_LowersThePredictedProbabilityMoreThanDeletingThreeRandomOnes()
    {
        var explainer = RecurrentExplainer.FromModel(ExplanationCorpus.Multiclass.Model);
        var random = new Random(41);
        var topDrops = new List<double>();
        var randomDrops = new List<double>();
        foreach (TestCorpus.Row row in TestCorpus.Multiclass(45, seed: 42))
        {
            TextExplanation e = explainer.Explain(row.Text);
            if (e.Tokens.Count < 6) continue;
            int predicted = explainer.ClassNames.ToList().IndexOf(e.PredictedClass);
            float before = e.ClassProbabilities[predicted];
            int[] top = Enumerable.Range(0, e.Tokens.Count).OrderByDescending(i => e.Tokens[i].Attribution).Take(3).ToArray();
            topDrops.Add(before - explainer.ClassProbabilities(Without(e, top))[predicted]);
            for (int draw = 0; draw < 5; draw++)
            {
                int[] chosen = Enumerable.Range(0, e.Tokens.Count).OrderBy(_ => random.Next()).Take(3).ToArray();
                randomDrops.Add(before - explainer.ClassProbabilities(Without(e, chosen))[predicted]);
            }
        }

        double top3 = topDrops.Average(), random3 = randomDrops.Average();
        TestContext.WriteLine($"{topDrops.Count} texts: mean drop of the predicted class's probability, " +
            $"top-3 attributed tokens deleted {top3:F4}, 3 random tokens deleted {random3:F4}");
        Assert.IsGreaterThanOrEqualTo(20, topDrops.Count);
        Assert.IsGreaterThan(random3 + 0.05, top3, $"top-3 deletion {top3:F4} vs random {random3:F4}");
    }

    internal static List<uint> Without(TextExplanation explanation, IReadOnlyCollection<int> positions) =>
        explanation.Tokens.Where((_, i) => !positions.Contains(i)).Select(t => t.Key).ToList();

    internal static string Format(TextExplanation e) =>
        string.Join(' ', e.Tokens.Select(t => $"{t.Token}({t.Attribution:+0.000;-0.000;0.000})"));

    /// <summary>Draws every weight anew (uniform ±0.3), keeping the padding row zero: the model's knowledge is
    /// gone.</summary>
    private static void Reinitialise(RecurrentTextClassifierTransformer classifier, int seed) => classifier.Scorer.Use(module =>
    {
        using var grad = no_grad();
        var generator = new Generator((ulong)seed);
        foreach (TorchSharp.Modules.Parameter parameter in module.parameters()) parameter.uniform_(-0.3, 0.3, generator);
        module.EmbeddingWeight[0].zero_();
        return 0;
    });

    private static double Pearson(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxx == 0 || syy == 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }
}
