using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Recurrent.Tests.Reliability;

/// <summary>A training run either returns a usable model or fails with a message that says what to change.</summary>
[TestClass]
public sealed class TrainingOutcomeTests
{
    [TestMethod]
    public void DivergingTraining_Fails_NamingEpochBatchAndWhatToTry_InsteadOfReturningANaNModel()
    {
        var ml = new MLContext(seed: 1);
        RecurrentTextClassifierOptions options = ReliabilityFixture.Tiny();
        options.Optimizer = OptimizerKind.Sgd;
        options.LearningRate = 10;
        options.GradientClippingNorm = null;
        options.LearningRateSchedule = LearningRateScheduleKind.Constant;
        options.Cell = RecurrentCell.Rnn;
        options.RnnActivation = RnnActivation.Relu;
        options.NumberOfEpochs = 3;

        var ex = Assert.ThrowsExactly<ArithmeticException>(() =>
            ClassifierTests.MulticlassPipeline(ml, options).Fit(TestCorpus.Load(ml, TestCorpus.Multiclass(90, seed: 1))));

        StringAssert.Contains(ex.Message, "Training diverged");
        StringAssert.Matches(ex.Message, new System.Text.RegularExpressions.Regex(@"batch \d+ of \d+ in epoch \d+|after epoch \d+"));
        StringAssert.Contains(ex.Message, "LearningRate (now 10)");
        StringAssert.Contains(ex.Message, "GradientClippingNorm, now off");
    }

    [TestMethod]
    public void ValidationData_WithADifferentVocabularyOfTheSameSize_IsRefused()
    {
        var ml = new MLContext(seed: 1);
        IDataView train = TestCorpus.Load(ml, TestCorpus.Multiclass(60, seed: 1));
        var tokenizer = ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", new RecurrentTokenizerOptions { MinimumCount = 1 });
        var labels = ml.Transforms.Conversion.MapValueToKey("Label").Fit(train);
        IDataView keyed = labels.Transform(train);
        ITransformer ours = tokenizer.Fit(keyed);
        // One word spelt differently everywhere: a vocabulary of the same size whose keys mean other words.
        IDataView reversed = TestCorpus.Load(ml, TestCorpus.Multiclass(60, seed: 1).Select(r => new TestCorpus.Row
        {
            Text = System.Text.RegularExpressions.Regex.Replace(r.Text, @"\b([Tt])he\b", "${1}eh"),
            Label = r.Label,
        }).ToList());
        ITransformer other = ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", new RecurrentTokenizerOptions { MinimumCount = 1 })
            .Fit(labels.Transform(reversed));
        var oursTerms = ((RecurrentTokenizerTransformer)ours).Vocabulary;
        var otherTerms = ((RecurrentTokenizerTransformer)other).Vocabulary;
        Assert.HasCount(oursTerms.Count, otherTerms);
        CollectionAssert.AreNotEqual(oursTerms.ToArray(), otherTerms.ToArray(), "the test needs two vocabularies in different orders");

        RecurrentTextClassifierOptions options = ReliabilityFixture.Tiny();
        options.ValidationData = other.Transform(labels.Transform(train));
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            ml.MulticlassClassification.Trainers.RecurrentTextClassifier(options).Fit(ours.Transform(keyed)));
        StringAssert.Contains(ex.Message, "different vocabulary");
    }

    [TestMethod]
    public void ValidationData_WithReorderedOrExtraClasses_IsRefusedNamingTheLabelColumn()
    {
        var ml = new MLContext(seed: 1);
        List<TestCorpus.Row> rows = TestCorpus.Multiclass(60, seed: 1);
        IDataView train = TestCorpus.Load(ml, rows);
        ITransformer tokenizer = ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", new RecurrentTokenizerOptions { MinimumCount = 1 }).Fit(train);
        IDataView Keyed(IEnumerable<TestCorpus.Row> data, IEnumerable<TestCorpus.Row> keysFrom) =>
            ml.Transforms.Conversion.MapValueToKey("Label").Fit(TestCorpus.Load(ml, keysFrom.ToList()))
                .Transform(tokenizer.Transform(TestCorpus.Load(ml, data.ToList())));

        IDataView trainKeyed = Keyed(rows, rows);
        IDataView reordered = Keyed(rows, Enumerable.Reverse(rows));
        IDataView extra = Keyed(rows, rows.Append(new TestCorpus.Row { Text = "x", Label = "music" }));

        foreach ((IDataView validation, string expected) in new[] { (reordered, "maps key 1 to"), (extra, "has 4 classes") })
        {
            RecurrentTextClassifierOptions options = ReliabilityFixture.Tiny();
            options.ValidationData = validation;
            var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
                ml.MulticlassClassification.Trainers.RecurrentTextClassifier(options).Fit(trainKeyed));
            StringAssert.Contains(ex.Message, "ValidationData: label column 'Label'");
            StringAssert.Contains(ex.Message, expected);
        }
    }
}
