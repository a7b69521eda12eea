using System.Globalization;
using Microsoft.ML;
using Ml.Recurrent.Tokenization;

namespace Ml.Recurrent.Tests.Reliability;

/// <summary>
/// Issue 13, case 7: characters outside the Basic Multilingual Plane (emoji, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢) and symbols become tokens in
/// tokenizers trained now (format version 2, <see cref="WordRule.CodePoints"/>); tokenizers saved in format version 1
/// keep splitting as they did.
/// </summary>
[TestClass]
public sealed class SupplementaryCharacterTests
{
    private const string Text = "Emoji 😀 here, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 text ❤ $5 👍👍";

    private static TestCorpus.Row Row(string text, string label) => new() { Text = text, Label = label };

    [TestMethod]
    public void ANewTokenizer_MakesTokensOfEmojiMathematicalLettersAndSymbols_AndKeepsThemAfterReload()
    {
        var ml = new MLContext(seed: 1);
        IDataView train = TestCorpus.Load(ml, [.. TestCorpus.Multiclass(30, seed: 1), Row(Text, "sports")]);
        ITransformer model = ClassifierTests.MulticlassPipeline(ml, ReliabilityFixture.Tiny(epochs: 1)).Fit(train);
        var tokenizer = ((IEnumerable<ITransformer>)model).OfType<RecurrentTokenizerTransformer>().Single();

        string[] terms = tokenizer.Encode(Text).Select(k => tokenizer.Vocabulary[(int)k - 1]).ToArray();

        CollectionAssert.AreEqual(new[] { "xxmaj", "emoji", "😀", "here", ",", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "text", "❤", "$", "5", "👍", "👍" },
            terms, string.Join(" ", terms));
        using var saved = new MemoryStream();
        ml.Model.Save(model, train.Schema, saved);
        ITransformer loaded = ReliabilityFixture.Load(new MLContext(seed: 2), saved.ToArray());
        var reloaded = ((IEnumerable<ITransformer>)loaded).OfType<RecurrentTokenizerTransformer>().Single();
        CollectionAssert.AreEqual(tokenizer.Encode(Text), reloaded.Encode(Text), "the word rule is saved");
    }

    [TestMethod]
    public void ATokenizerSavedInFormatVersion1_KeepsItsSplitting_CharactersOutsideTheBasicPlaneMakeNoToken()
    {
        var ml = new MLContext(seed: 1);
        string zip = Path.Combine(AppContext.BaseDirectory, "Golden", "v2", "multiclass-bilstm-word.zip");
        ITransformer model = ml.Model.Load(zip, out _);
        try
        {
            var tokenizer = ((IEnumerable<ITransformer>)model).OfType<RecurrentTokenizerTransformer>().Single();

            Assert.IsEmpty(tokenizer.Encode("😀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ❤ $ 👍"), "format 1 tokenizers split as they did when saved");
            Assert.HasCount(3, tokenizer.Encode("goal, match"));
        }
        finally
        {
            RecurrentTextClassifierTransformer.ReleaseNativeMemoryOf(model);
        }
    }

    [TestMethod]
    public void OverTheBasicPlane_WithoutSymbols_TheNewRuleSplitsExactlyAsVersion1()
    {
        var before = new WordSplitter(lowerCase: false, capitalizationMarkers: false, WordRule.BasicPlaneOnly);
        var after = new WordSplitter(lowerCase: false, capitalizationMarkers: false, WordRule.CodePoints);
        var differing = new List<string>();
        for (int c = 0; c < 0x10000; c++)
        {
            string text = "a" + (char)c + "b " + (char)c + " c" + (char)c;
            if (!char.IsSurrogate((char)c) && CharUnicodeInfo.GetUnicodeCategory((char)c) is UnicodeCategory.MathSymbol
                or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol)
                continue;
            if (!Tokens(before, text).SequenceEqual(Tokens(after, text))) differing.Add($"U+{c:X4}");
        }

        Assert.IsEmpty(differing, string.Join(", ", differing.Take(50)));
    }

    private static List<string> Tokens(WordSplitter splitter, string text)
    {
        var tokens = new List<string>();
        splitter.Split(text, t =>
        {
            tokens.Add(t);
            return true;
        });
        return tokens;
    }
}
