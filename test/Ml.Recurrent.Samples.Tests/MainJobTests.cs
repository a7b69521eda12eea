using Ml.Recurrent.Samples.Commands;
using Ml.Recurrent.Samples.Data;
using Ml.Recurrent.Samples.Training;

namespace Ml.Recurrent.Samples.Tests;

/// <summary>The main job's generated corpus, its bag-of-words comparison and its reload check.</summary>
[TestClass]
public sealed class MainJobTests
{
    [TestMethod]
    public void GeneratedReviews_AreDeterministicForASeed_AndBalanced()
    {
        List<(string Label, string Text)> first = SyntheticReviews.Generate(2000, seed: 7);
        CollectionAssert.AreEqual(first, SyntheticReviews.Generate(2000, seed: 7));
        CollectionAssert.AreNotEqual(first, SyntheticReviews.Generate(2000, seed: 8));
        double positive = first.Count(r => r.Label == "positive") / (double)first.Count;
        Assert.IsTrue(positive is > 0.45 and < 0.55, $"positive share {positive}");
    }

    [TestMethod]
    public void GeneratedReviews_UseTheSameWordsInBothClasses()
    {
        // Word order, not vocabulary, must decide: every word of one class also occurs in the other.
        List<(string Label, string Text)> rows = SyntheticReviews.Generate(3000, seed: 1);
        HashSet<string> Words(string label) =>
        [
            .. rows.Where(r => r.Label == label)
                .SelectMany(r => r.Text.ToLowerInvariant().Split([' ', ',', '.', '!'],
                    StringSplitOptions.RemoveEmptyEntries)),
        ];
        HashSet<string> positive = Words("positive"), negative = Words("negative");
        Assert.IsTrue(positive.SetEquals(negative),
            $"only positive: {string.Join(' ', positive.Except(negative))}; " +
            $"only negative: {string.Join(' ', negative.Except(positive))}");
    }

    [TestMethod]
    public void GeneratedReviews_DefeatMlNetsBagOfWords_AndKeepLabelNoise()
    {
        static List<LabelledText> Make(int count, int seed) =>
            [.. SyntheticReviews.Generate(count, seed).Select(r => new LabelledText { Label = r.Label, Text = r.Text })];

        (double accuracy, _) = BagOfWordsBaseline.TrainAndEvaluate(Make(2000, seed: 1), Make(1000, seed: 2));

        // Above chance (single clauses and "A and B" reviews are easy), far below what reading in order allows
        // (about 1 - LabelNoise); the README's main job shows the recurrent model's figure on the same corpus.
        Assert.IsTrue(accuracy is > 0.55 and < 0.85, $"bag-of-words accuracy {accuracy}");
    }

    [TestMethod]
    public void ReloadComparison_CountsIdenticalRows_AndChecksThePromisedBound()
    {
        float[][] before = [[1f, -2f], [100f, 0f], [0.5f, 0.5f]];
        ReloadComparison same = ReloadComparison.Of(before, [[1f, -2f], [100f, 0f], [0.5f, 0.5f]]);
        Assert.AreEqual(3, same.Identical);
        Assert.AreEqual(0, same.LargestDifference);
        Assert.IsTrue(same.WithinTolerance);

        // One ulp at 100 is 7.6e-6: inside the bound, which scales with the score's size, but not identical.
        ReloadComparison ulp = ReloadComparison.Of(before, [[1f, -2f], [MathF.BitIncrement(100f), 0f], [0.5f, 0.5f]]);
        Assert.AreEqual(2, ulp.Identical);
        Assert.IsTrue(ulp.WithinTolerance);

        ReloadComparison far = ReloadComparison.Of(before, [[1f, -2f], [100f, 0f], [0.5f, 0.5001f]]);
        Assert.IsFalse(far.WithinTolerance, $"largest difference {far.LargestDifference}");

        ReloadComparison nan = ReloadComparison.Of(before, [[1f, float.NaN], [100f, 0f], [0.5f, 0.5f]]);
        Assert.IsFalse(nan.WithinTolerance);
    }
}
