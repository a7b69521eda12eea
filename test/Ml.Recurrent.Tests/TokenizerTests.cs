using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Recurrent.Tests;

[TestClass]
public sealed class TokenizerTests
{
    private sealed class TextRow
    {
        public string Text { get; set; } = string.Empty;
    }

    private static RecurrentTokenizerTransformer Fit(RecurrentTokenizerOptions options, params string[] texts)
    {
        var ml = new MLContext(seed: 1);
        return ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", options).Fit(ml.Data.LoadFromEnumerable(texts.Select(t => new TextRow { Text = t })));
    }

    [TestMethod]
    public void Vocabulary_IsReservedTermsThenWordsByFrequency_TiesInOrdinalOrder()
    {
        var tokenizer = Fit(new RecurrentTokenizerOptions { MinimumCount = 1, CapitalizationMarkers = false }, "b a c a", "c a b d");

        CollectionAssert.AreEqual(new[] { "xxunk", "xxmaj", "xxup", "a", "b", "c", "d" }, tokenizer.Vocabulary.ToArray());
    }

    [TestMethod]
    public void MinimumCountAndMaximumSize_LimitTheVocabulary_RestBecomeUnknown()
    {
        var tokenizer = Fit(new RecurrentTokenizerOptions { MinimumCount = 2, MaximumVocabularySize = 1, CapitalizationMarkers = false }, "x x y y y z", "x");

        CollectionAssert.AreEqual(new[] { "xxunk", "xxmaj", "xxup", "x" }, tokenizer.Vocabulary.ToArray(), "x and y occur 3 times; ordinal tie-break keeps x");
        CollectionAssert.AreEqual(new uint[] { 4, 1, 1 }, tokenizer.Encode("x y z"), "key = index + 1; unknown words get key 1");
    }

    [TestMethod]
    public void CapitalisationMarkers_PrecedeCapitalisedAndUpperCaseWords()
    {
        var tokenizer = Fit(new RecurrentTokenizerOptions { MinimumCount = 1 }, "Hello WORLD, hello world!");
        string[] terms = tokenizer.Encode("Hello WORLD, hello world!").Select(k => tokenizer.Vocabulary[(int)k - 1]).ToArray();

        CollectionAssert.AreEqual(new[] { "xxmaj", "hello", "xxup", "world", ",", "hello", "world", "!" }, terms);
    }

    [TestMethod]
    public void LongText_IsTruncatedToMaximumLength_EmptyTextGivesNoTokens()
    {
        var tokenizer = Fit(new RecurrentTokenizerOptions { MinimumCount = 1, MaximumLength = 5 }, string.Join(' ', Enumerable.Repeat("word", 100_000)));

        Assert.HasCount(5, tokenizer.Encode(string.Join(' ', Enumerable.Repeat("word", 100_000))));
        Assert.IsEmpty(tokenizer.Encode(""));
        Assert.IsEmpty(tokenizer.Encode("   \t "));
        Assert.IsEmpty(tokenizer.Encode(null));
    }

    [TestMethod]
    public void OutputColumn_IsVariableKeyVector_WithVocabularyAsKeyValues()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = ml.Data.LoadFromEnumerable(new[] { new TextRow { Text = "red green red" } });
        var tokenizer = ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", new RecurrentTokenizerOptions { MinimumCount = 1 }).Fit(data);
        IDataView output = tokenizer.Transform(data);
        DataViewSchema.Column column = output.Schema["Tokens"];

        var type = (VectorDataViewType)column.Type;
        Assert.AreEqual(0, type.Size, "variable length");
        Assert.AreEqual((ulong)tokenizer.VocabularySize, ((KeyDataViewType)type.ItemType).Count);
        VBuffer<ReadOnlyMemory<char>> keyValues = default;
        column.GetKeyValues(ref keyValues);
        CollectionAssert.AreEqual(tokenizer.Vocabulary.ToArray(), keyValues.DenseValues().Select(v => v.ToString()).ToArray());
        uint[] keys = output.GetColumn<VBuffer<uint>>("Tokens").Single().DenseValues().ToArray();
        CollectionAssert.AreEqual(tokenizer.Encode("red green red"), keys);
    }

    [TestMethod]
    public void PretrainedCl100k_EncodesSubwords_WithoutLearning()
    {
        var tokenizer = Fit(new RecurrentTokenizerOptions { Pretrained = PretrainedTokenizer.Cl100kBase, MaximumLength = 64 }, "irrelevant");
        uint[] keys = tokenizer.Encode("Hello world");

        Assert.IsEmpty(tokenizer.Vocabulary);
        Assert.IsGreaterThanOrEqualTo(100_000, tokenizer.VocabularySize);
        CollectionAssert.AreEqual(new uint[] { 9906 + 1, 1917 + 1 }, keys, "cl100k_base ids of 'Hello' and ' world', plus one");
    }

    [TestMethod]
    public void MissingOrNonTextInputColumn_IsRejectedWithItsName()
    {
        var ml = new MLContext(seed: 1);
        var estimator = ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Body");
        IDataView data = ml.Data.LoadFromEnumerable(new[] { new TextRow { Text = "x" } });

        var missing = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => estimator.Fit(data));
        StringAssert.Contains(missing.Message, "'Body'");
        var wrongType = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Value").Fit(ml.Data.LoadFromEnumerable(new[] { new { Value = 1f } })));
        StringAssert.Contains(wrongType.Message, "'Value'");
        StringAssert.Contains(wrongType.Message, "Single");
    }

    [TestMethod]
    [DataRow(nameof(RecurrentTokenizerOptions.MaximumVocabularySize), 0)]
    [DataRow(nameof(RecurrentTokenizerOptions.MinimumCount), -1)]
    [DataRow(nameof(RecurrentTokenizerOptions.MaximumLength), 0)]
    public void OutOfRangeOption_IsRejectedWithNameAndValue(string option, int value)
    {
        var options = new RecurrentTokenizerOptions();
        typeof(RecurrentTokenizerOptions).GetProperty(option)!.SetValue(options, value);

        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MLContext().Transforms.Text.TokenizeForRecurrent("T", "Text", options));
        Assert.AreEqual(option, ex.ParamName);
        StringAssert.Contains(ex.Message, $"got {value}");
    }
}
