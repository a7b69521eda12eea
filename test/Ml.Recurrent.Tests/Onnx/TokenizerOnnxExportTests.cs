using System.Text.RegularExpressions;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;

namespace Ml.Recurrent.Tests.Onnx;

/// <summary>The exported word tokenizer gives the same keys as <c>Transform</c>, on hostile text and on every BMP word character.</summary>
[TestClass]
public sealed class TokenizerOnnxExportTests
{
    public sealed class TextRow
    {
        public string Text { get; set; } = string.Empty;
    }

    [TestMethod]
    [DataRow(true, true, 7)]
    [DataRow(true, true, 400)]
    [DataRow(true, false, 5)]
    [DataRow(false, false, 9)]
    public void ExportedTokens_EqualTransform_OnHostileTexts_InOneBatchAndAlone(bool lowerCase, bool markers, int maximumLength)
    {
        var ml = new MLContext(seed: 1);
        // The vocabulary sees half of the hostile texts, so the other half brings unknown words.
        var training = TestCorpus.Multiclass(40, seed: 1).Select(r => r.Text).Concat(HostileTexts.All.Where((_, i) => i % 2 == 0));
        var options = new RecurrentTokenizerOptions { LowerCase = lowerCase, CapitalizationMarkers = markers, MaximumLength = maximumLength, MinimumCount = 1 };
        AssertTokensMatch(ml, training, HostileTexts.All, options, batchToo: true);
    }

    [TestMethod]
    public void LowerCasingAndMarkers_EqualDotNet_ForEveryBmpWordCharacter()
    {
        var word = new Regex(@"^\w$");
        string[] characters = Enumerable.Range(0, 0x10000).Select(c => (char)c)
            .Where(c => !char.IsSurrogate(c) && word.IsMatch(c.ToString())).Select(c => c.ToString()).ToArray();
        // Each character as a word alone ("É") and leading a lower-case letter ("Éa"), 500 words per text.
        string[] texts = characters.Chunk(250).Select(chunk => string.Join(' ', chunk.Select(c => $"{c} {c}a"))).ToArray();
        var options = new RecurrentTokenizerOptions { MaximumLength = 2000, MinimumCount = 1, MaximumVocabularySize = 200_000 };
        AssertTokensMatch(new MLContext(seed: 1), texts, texts, options, batchToo: false);
    }

    private static void AssertTokensMatch(MLContext ml, IEnumerable<string> training, string[] texts, RecurrentTokenizerOptions options, bool batchToo)
    {
        ITransformer tokenizer = ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", options)
            .Fit(ml.Data.LoadFromEnumerable(training.Select(t => new TextRow { Text = t })));
        IDataView input = ml.Data.LoadFromEnumerable(texts.Select(t => new TextRow { Text = t }));
        uint[][] expected = tokenizer.Transform(input).GetColumn<VBuffer<uint>>("Tokens").Select(v => v.DenseValues().ToArray()).ToArray();
        using var stream = new MemoryStream();
        ml.Model.ConvertToOnnx(tokenizer, input, stream);
        using var onnx = new OnnxRunner(stream.ToArray());

        for (int i = 0; i < texts.Length; i++)
            AssertRow(expected[i], Run(onnx, [texts[i]]), 0, $"text #{i} alone: «{texts[i]}»");
        if (!batchToo) return;
        (uint[] values, int width) = Run(onnx, texts);
        for (int i = 0; i < texts.Length; i++)
            AssertRow(expected[i], (values, width), i, $"text #{i} in a batch: «{texts[i]}»");
    }

    private static (uint[] Values, int Width) Run(OnnxRunner onnx, string[] texts)
    {
        uint[] values = (uint[])onnx.Run([OnnxRunner.Strings("Text", texts)])["Tokens.output"];
        return (values, values.Length / texts.Length);
    }

    private static void AssertRow(uint[] expected, (uint[] Values, int Width) actual, int row, string what)
    {
        uint[] keys = actual.Values.Skip(row * actual.Width).Take(actual.Width).ToArray();
        Assert.IsGreaterThanOrEqualTo(expected.Length, keys.Length, what);
        CollectionAssert.AreEqual(expected, keys.Take(expected.Length).ToArray(), $"{what}: expected [{string.Join(',', expected)}], got [{string.Join(',', keys)}]");
        Assert.IsTrue(keys.Skip(expected.Length).All(k => k == 0), $"{what}: padding must be key 0, got [{string.Join(',', keys)}]");
    }
}
