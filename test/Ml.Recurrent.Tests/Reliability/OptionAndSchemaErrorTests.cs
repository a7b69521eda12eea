using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;


namespace Ml.Recurrent.Tests.Reliability;

/// <summary>
/// Options out of range are refused when the estimator is made (naming the option and echoing the value); wrong or
/// missing columns are refused by <c>GetOutputSchema</c> before any training and by <c>Fit</c>, naming the column, the
/// expected type and the actual type.
/// </summary>
[TestClass]
public sealed class OptionAndSchemaErrorTests
{
    [TestMethod]
    [DataRow(nameof(RecurrentTextClassifierOptions.NumberOfLayers), "0")]
    [DataRow(nameof(RecurrentTextClassifierOptions.NumberOfLayers), "9")]
    [DataRow(nameof(RecurrentTextClassifierOptions.EmbeddingSize), "0")]
    [DataRow(nameof(RecurrentTextClassifierOptions.EmbeddingSize), "4097")]
    [DataRow(nameof(RecurrentTextClassifierOptions.HiddenSize), "-1")]
    [DataRow(nameof(RecurrentTextClassifierOptions.HiddenSize), "4097")]
    [DataRow(nameof(RecurrentTextClassifierOptions.HeadHiddenSize), "-1")]
    [DataRow(nameof(RecurrentTextClassifierOptions.HeadHiddenSize), "4097")]
    [DataRow(nameof(RecurrentTextClassifierOptions.BatchSize), "0")]
    [DataRow(nameof(RecurrentTextClassifierOptions.BatchSize), "65537")]
    [DataRow(nameof(RecurrentTextClassifierOptions.NumberOfEpochs), "0")]
    [DataRow(nameof(RecurrentTextClassifierOptions.NumberOfEpochs), "10001")]
    [DataRow(nameof(RecurrentTextClassifierOptions.Dropout), "-0.1")]
    [DataRow(nameof(RecurrentTextClassifierOptions.Dropout), "1")]
    [DataRow(nameof(RecurrentTextClassifierOptions.Dropout), "NaN")]
    [DataRow(nameof(RecurrentTextClassifierOptions.EmbeddingDropout), "1.5")]
    [DataRow(nameof(RecurrentTextClassifierOptions.EmbeddingDropout), "NaN")]
    [DataRow(nameof(RecurrentTextClassifierOptions.LearningRate), "0")]
    [DataRow(nameof(RecurrentTextClassifierOptions.LearningRate), "10.5")]
    [DataRow(nameof(RecurrentTextClassifierOptions.LearningRate), "NaN")]
    [DataRow(nameof(RecurrentTextClassifierOptions.LearningRate), "Infinity")]
    [DataRow(nameof(RecurrentTextClassifierOptions.WeightDecay), "-0.01")]
    [DataRow(nameof(RecurrentTextClassifierOptions.WeightDecay), "1.5")]
    [DataRow(nameof(RecurrentTextClassifierOptions.WeightDecay), "NaN")]
    [DataRow(nameof(RecurrentTextClassifierOptions.GradientClippingNorm), "0")]
    [DataRow(nameof(RecurrentTextClassifierOptions.GradientClippingNorm), "-1")]
    [DataRow(nameof(RecurrentTextClassifierOptions.GradientClippingNorm), "NaN")]
    [DataRow(nameof(RecurrentTextClassifierOptions.GradientClippingNorm), "Infinity")]
    [DataRow(nameof(RecurrentTextClassifierOptions.ValidationFraction), "-0.1")]
    [DataRow(nameof(RecurrentTextClassifierOptions.ValidationFraction), "0.6")]
    [DataRow(nameof(RecurrentTextClassifierOptions.ValidationFraction), "NaN")]
    [DataRow(nameof(RecurrentTextClassifierOptions.EarlyStoppingPatience), "0")]
    [DataRow(nameof(RecurrentTextClassifierOptions.NumberOfThreads), "0")]
    [DataRow(nameof(RecurrentTextClassifierOptions.NumberOfThreads), "1025")]
    [DataRow(nameof(RecurrentTextClassifierOptions.Cell), "99")]
    [DataRow(nameof(RecurrentTextClassifierOptions.RnnActivation), "99")]
    [DataRow(nameof(RecurrentTextClassifierOptions.Pooling), "-1")]
    [DataRow(nameof(RecurrentTextClassifierOptions.HeadActivation), "99")]
    [DataRow(nameof(RecurrentTextClassifierOptions.Optimizer), "99")]
    [DataRow(nameof(RecurrentTextClassifierOptions.LearningRateSchedule), "99")]
    [DataRow(nameof(RecurrentTextClassifierOptions.ValidationMetric), "99")]
    public void ClassifierOptionOutOfRange_IsRejectedNamingTheOptionAndEchoingTheValue(string option, string value)
    {
        var options = new RecurrentTextClassifierOptions();
        object typed = Set(options, option, value);
        var ml = new MLContext(seed: 1);

        var multiclass = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.MulticlassClassification.Trainers.RecurrentTextClassifier(options));
        var binary = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.BinaryClassification.Trainers.RecurrentTextClassifier(options));

        foreach (ArgumentOutOfRangeException ex in new[] { multiclass, binary })
        {
            Assert.AreEqual(option, ex.ParamName);
            StringAssert.Contains(ex.Message, $"{option} ");
            StringAssert.Contains(ex.Message, $"got {Convert.ToString(typed, CultureInfo.CurrentCulture)}");
        }
    }

    [TestMethod]
    [DataRow(nameof(RecurrentTextClassifierOptions.LabelColumnName), "")]
    [DataRow(nameof(RecurrentTextClassifierOptions.FeatureColumnName), " ")]
    [DataRow(nameof(RecurrentTextClassifierOptions.FeatureColumnName), null)]
    public void ClassifierColumnNameEmpty_IsRejectedNamingTheOption(string option, string? value)
    {
        var options = new RecurrentTextClassifierOptions();
        typeof(RecurrentTextClassifierOptions).GetProperty(option)!.SetValue(options, value);

        var ex = Assert.ThrowsExactly<ArgumentException>(() => new MLContext().MulticlassClassification.Trainers.RecurrentTextClassifier(options));

        Assert.AreEqual(option, ex.ParamName);
        StringAssert.Contains(ex.Message, value is null ? "got null" : $"got '{value}'");
    }

    [TestMethod]
    public void InconsistentClassifierOptions_AreRejectedNamingBothOptions()
    {
        var ml = new MLContext(seed: 1);
        var both = new RecurrentTextClassifierOptions { ValidationData = TestCorpus.Load(ml, TestCorpus.Multiclass(3, 1)), ValidationFraction = 0.2f };
        var patience = new RecurrentTextClassifierOptions { EarlyStoppingPatience = 2 };

        var bothEx = Assert.ThrowsExactly<ArgumentException>(() => ml.MulticlassClassification.Trainers.RecurrentTextClassifier(both));
        var patienceEx = Assert.ThrowsExactly<ArgumentException>(() => ml.MulticlassClassification.Trainers.RecurrentTextClassifier(patience));
        var flat = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.BinaryClassification.Trainers.RecurrentTextClassifier(numberOfEpochs: -3));

        StringAssert.Contains(bothEx.Message, "ValidationData or ValidationFraction, not both; got ValidationFraction = 0.2");
        StringAssert.Contains(patienceEx.Message, "EarlyStoppingPatience = 2 needs validation data");
        StringAssert.Contains(flat.Message, "got -3");
    }

    [TestMethod]
    [DataRow(nameof(RecurrentTokenizerOptions.MaximumVocabularySize), -5)]
    [DataRow(nameof(RecurrentTokenizerOptions.MinimumCount), 0)]
    [DataRow(nameof(RecurrentTokenizerOptions.MaximumLength), -1)]
    [DataRow(nameof(RecurrentTokenizerOptions.MaximumLength), int.MinValue)]
    [DataRow(nameof(RecurrentTokenizerOptions.Pretrained), 7)]
    public void TokenizerOptionOutOfRange_IsRejectedNamingTheOptionAndEchoingTheValue(string option, int value)
    {
        var options = new RecurrentTokenizerOptions();
        object typed = Set(options, option, value.ToString(CultureInfo.InvariantCulture));

        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MLContext().Transforms.Text.TokenizeForRecurrent("Tokens", "Text", options));

        Assert.AreEqual(option, ex.ParamName);
        StringAssert.Contains(ex.Message, $"got {(typed is Enum ? value : typed)}");
    }

    [TestMethod]
    public void TokenizerMarkersWithoutLowerCase_AreRejectedNamingBothOptions()
    {
        var options = new RecurrentTokenizerOptions { LowerCase = false, CapitalizationMarkers = true };

        var ex = Assert.ThrowsExactly<ArgumentException>(() => new MLContext().Transforms.Text.TokenizeForRecurrent("Tokens", "Text", options));

        Assert.AreEqual(nameof(RecurrentTokenizerOptions.CapitalizationMarkers), ex.ParamName);
        StringAssert.Contains(ex.Message, "got LowerCase = false");
    }

    [TestMethod]
    [DataRow(false, "Text", "Label", "Text", "must be a vector of UInt32 keys", "String")]
    [DataRow(false, "Words", "Label", "Words", "must be a vector of UInt32 keys", "String")]
    [DataRow(false, "ScalarKey", "Label", "ScalarKey", "must be a vector of UInt32 keys", "Key")]
    [DataRow(false, "Nope", "Label", "Nope", "was not found", "")]
    [DataRow(false, "Tokens", "Text", "Text", "must be a UInt32 key (use MapValueToKey on the label first)", "String")]
    [DataRow(false, "Tokens", "Nope", "Nope", "was not found", "")]
    [DataRow(true, "Tokens", "Score", "Score", "must be Boolean", "Single")]
    [DataRow(true, "Tokens", "ScalarKey", "ScalarKey", "must be Boolean", "")]
    public void WrongOrMissingColumn_GetOutputSchemaAndFit_ThrowNamingColumnExpectedAndActualType(
        bool binary, string tokens, string label, string named, string rule, string actual)
    {
        var ml = new MLContext(seed: 1);
        IDataView data = Prepared(ml);
        var options = new RecurrentTextClassifierOptions { FeatureColumnName = tokens, LabelColumnName = label, NumberOfEpochs = 1 };
        IEstimator<ITransformer> estimator = binary
            ? ml.BinaryClassification.Trainers.RecurrentTextClassifier(options)
            : ml.MulticlassClassification.Trainers.RecurrentTextClassifier(options);

        var before = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => estimator.GetOutputSchema(SchemaShapes.Of(data.Schema)));
        var fit = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => estimator.Fit(data));

        foreach (ArgumentOutOfRangeException ex in new[] { before, fit })
        {
            StringAssert.Contains(ex.Message, $"'{named}'");
            StringAssert.Contains(ex.Message, rule);
            StringAssert.Contains(ex.Message, actual);
        }
    }

    [TestMethod]
    public void ScoringDataWithoutTheTokenColumnOrWithAnotherKeyCount_ThrowsNamingTheColumn()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = Prepared(ml);
        var classifier = ml.MulticlassClassification.Trainers.RecurrentTextClassifier(ReliabilityFixture.Tiny()).Fit(data);
        IDataView raw = TestCorpus.Load(ml, TestCorpus.Multiclass(5, seed: 2));
        IDataView otherVocabulary = ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", new RecurrentTokenizerOptions { MinimumCount = 1, MaximumVocabularySize = 3 })
            .Fit(raw).Transform(raw);

        var missing = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => classifier.Transform(raw));
        var wrongCount = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => classifier.Transform(otherVocabulary));

        StringAssert.Contains(missing.Message, "The token column 'Tokens' was not found in the input (columns: Text, Label)");
        StringAssert.Contains(wrongCount.Message, $"Column 'Tokens' has 6 keys, but the model was trained on {classifier.Model.VocabularySize}");
    }

    [TestMethod]
    public void TokenizerOnANonTextColumn_GetOutputSchemaAndFit_ThrowNamingTheColumnAndType()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = Prepared(ml);
        var estimator = ml.Transforms.Text.TokenizeForRecurrent("More", "Score");

        var before = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => estimator.GetOutputSchema(SchemaShapes.Of(data.Schema)));
        var fit = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => estimator.Fit(data));

        foreach (ArgumentOutOfRangeException ex in new[] { before, fit }) StringAssert.Contains(ex.Message, "Column 'Score' must be text (String); got Single");
    }

    /// <summary>Columns of every kind the tests name: text, token keys, text words, a scalar key, a float and a key label.</summary>
    private static IDataView Prepared(MLContext ml) =>
        ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", new RecurrentTokenizerOptions { MinimumCount = 1 }))
            .Append(ml.Transforms.Text.TokenizeIntoWords("Words", "Text"))
            .Append(ml.Transforms.Conversion.MapValueToKey("ScalarKey", "Text"))
            .Append(ml.Transforms.Expression("Score", "x => 1.5", "Text"))
            .Fit(TestCorpus.Load(ml, TestCorpus.Multiclass(30, seed: 1)))
            .Transform(TestCorpus.Load(ml, TestCorpus.Multiclass(30, seed: 1)));

    private static object Set(object options, string option, string value)
    {
        var property = options.GetType().GetProperty(option)!;
        Type type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        object typed = type.IsEnum
            ? Enum.ToObject(type, int.Parse(value, CultureInfo.InvariantCulture))
            : Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
        property.SetValue(options, typed);
        return typed;
    }
}
