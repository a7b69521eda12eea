using Microsoft.ML;
using Microsoft.Playwright;
using Ml.Recurrent.Samples.Charts;
using Ml.Recurrent.Samples.Commands;
using Ml.Recurrent.Samples.Data;
using Ml.Recurrent.Samples.Explaining;
using Ml.Recurrent.Samples.Training;

namespace Ml.Recurrent.Samples.Tests;

[TestClass]
public sealed class ExplanationSampleTests
{
    private static readonly Lazy<(MLContext Ml, ITransformer Model, Dataset Data)> Trained = new(() =>
    {
        Dataset data = Tiny.Dataset(train: 200, test: 30);
        var ml = new MLContext(seed: 1);
        (ITransformer model, _) = TrainingJob.Fit(ml, data, Tiny.Classifier(epochs: 3), Tiny.Tokenizer(), ValidationSource.None);
        return (ml, model, data);
    });

    [TestMethod]
    public async Task HtmlReport_RendersInHeadlessChromium_WithOneShadedSpanPerInfluentialToken()
    {
        (MLContext ml, ITransformer model, Dataset data) = Trained.Value;
        RecurrentExplainer explainer = ml.Model.CreateRecurrentExplainer(model);
        IReadOnlyList<ExplainedText> texts = ExplainCommand.ExplainSample(explainer, data, count: 8);
        int tokens = texts.Sum(t => t.Explanation.Tokens.Count);
        int shaded = texts.Sum(t =>
        {
            double scale = AttributionColours.Scale(t.Explanation.Tokens.Select(a => a.Attribution));
            return t.Explanation.Tokens.Count(a => AttributionColours.Strength(a.Attribution, scale) > 0);
        });
        using var folder = new TempFolder();
        string page = folder.Write("report.html", ExplanationHtmlReport.Build("Why these labels?", "test page", texts));

        await HeadlessChromium.OpenAsync(page, async p =>
        {
            Assert.AreEqual(8, await p.Locator("li.text").CountAsync(), "one list item per text");
            ILocator spans = p.Locator("li.text span.token");
            Assert.AreEqual(tokens, await spans.CountAsync(), "one span per token");
            int visible = await p.EvaluateAsync<int>(
                "() => [...document.querySelectorAll('li.text span.token')].filter(e => e.getClientRects().length > 0).length");
            Assert.AreEqual(tokens, visible, "every token span is laid out");
            int coloured = await p.EvaluateAsync<int>("() => [...document.querySelectorAll('li.text span.token')]" +
                ".filter(e => getComputedStyle(e).backgroundColor !== 'rgba(0, 0, 0, 0)').length");
            Assert.AreEqual(shaded, coloured, "highlighted (non-transparent) tokens");
            Assert.IsGreaterThanOrEqualTo(8, shaded, "at least one highlighted token per text");
            StringAssert.Contains(await p.Locator(".legend").InnerTextAsync(), "towards");
            Assert.AreEqual(8, await p.Locator("li.text .labels").GetByText("true:").CountAsync(), "true labels shown");
        });
    }

    [TestMethod]
    public void ExplainCommand_WritesPlainScoresWhenRedirected_AnHtmlPageAndAChart()
    {
        (MLContext ml, ITransformer model, Dataset data) = Trained.Value;
        using var folder = new TempFolder();
        string zip = folder.Combine("model.zip");
        ml.Model.Save(model, ml.Data.LoadFromEnumerable(data.Train).Schema, zip);
        string html = folder.Combine("report.html"), png = folder.Combine("top.png");
        var output = new StringWriter();
        TextWriter original = Console.Out;
        int code;
        try
        {
            Console.SetOut(output);
            code = ExplainCommand.Create().Parse(["--model", zip, "The acting was not good", "--output", html, "--count", "4",
                "--chart", png]).Invoke();
        }
        finally
        {
            Console.SetOut(original);
        }

        string text = output.ToString();
        Assert.AreEqual(0, code, text);
        StringAssert.Contains(text, "attributions to");
        foreach (string token in new[] { "xxmaj", "acting", "not" })
            StringAssert.Matches(text, new System.Text.RegularExpressions.Regex($@"\n\s+[+-]?\d\.\d{{4}}\s+{token}"), token);
        Assert.IsTrue(File.Exists(html), "HTML page written");
        StringAssert.Contains(File.ReadAllText(html), "class=\"token");
        PngFile.AssertNonTrivial(png, AttributionChart.Width, AttributionChart.Height);
    }

    [TestMethod]
    public void PlainText_MarksTruncation_AndLabelsMarkersAndUnknownWords()
    {
        var ml = new MLContext(seed: 1);
        Dataset data = Tiny.Dataset(train: 60, test: 5);
        var tokenizer = new RecurrentTokenizerOptions { MinimumCount = 1, MaximumLength = 5 };
        (ITransformer model, _) = TrainingJob.Fit(ml, data, Tiny.Classifier(epochs: 1), tokenizer, ValidationSource.None);
        RecurrentExplainer explainer = ml.Model.CreateRecurrentExplainer(model);
        TextExplanation e = explainer.Explain("The zqxv movie was great fun to watch");

        string plain = TerminalExplanation.Plain("The zqxv movie was great fun to watch", e, explainer.ClassNames);

        StringAssert.Contains(plain, "xxmaj  (CapitalizationMarker)");
        StringAssert.Contains(plain, "xxunk  (Unknown)");
        StringAssert.Contains(plain, "[truncated: 4 more tokens were not read]");
        Assert.AreEqual(1 + 5 + 1, plain.Split(Environment.NewLine).Length, plain);
    }
}
