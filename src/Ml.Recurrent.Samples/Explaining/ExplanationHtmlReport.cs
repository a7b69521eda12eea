using System.Globalization;
using System.Net;
using System.Text;

namespace Ml.Recurrent.Samples.Explaining;

/// <summary>
/// One self-contained HTML page (inline CSS, no scripts, no external resources): for each text its true and
/// predicted labels and its tokens as the model read them, each a <c>span.token</c> shaded by its attribution, with
/// the attribution in its tooltip; a legend explains the colours.
/// </summary>
public static class ExplanationHtmlReport
{
    /// <summary>The page for <paramref name="texts"/>.</summary>
    /// <param name="title">Page title and heading.</param>
    /// <param name="description">One sentence under the heading: model, data, method.</param>
    /// <param name="texts">The explained texts, in display order.</param>
    public static string Build(string title, string description, IReadOnlyList<ExplainedText> texts)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>").AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<title>").Append(Encode(title)).AppendLine("</title>")
            .AppendLine("<style>").AppendLine(Style).AppendLine("</style></head><body>")
            .Append("<h1>").Append(Encode(title)).AppendLine("</h1>")
            .Append("<p class=\"description\">").Append(Encode(description)).AppendLine("</p>")
            .AppendLine(Legend);
        int correct = texts.Count(t => t.TrueLabel == t.Explanation.PredictedClass);
        if (texts.Any(t => t.TrueLabel is not null))
            html.Append("<p class=\"summary\">").Append(correct).Append(" of ").Append(texts.Count)
                .AppendLine(" predictions correct.</p>");
        html.AppendLine("<ol class=\"texts\">");
        foreach (ExplainedText text in texts) AppendText(html, text);
        html.AppendLine("</ol></body></html>");
        return html.ToString();
    }

    private static void AppendText(StringBuilder html, ExplainedText text)
    {
        TextExplanation e = text.Explanation;
        bool? right = text.TrueLabel is null ? null : text.TrueLabel == e.PredictedClass;
        string state = right switch { true => "right", false => "wrong", null => "unknown" };
        html.Append("<li class=\"text ").Append(state).AppendLine("\"><div class=\"labels\">");
        if (text.TrueLabel is not null)
            html.Append("<span class=\"label\">true: <b>").Append(Encode(text.TrueLabel)).Append("</b></span>");
        int predicted = Array.IndexOf(e.ClassProbabilities.ToArray(), e.ClassProbabilities.Max());
        html.Append("<span class=\"label\">predicted: <b>").Append(Encode(e.PredictedClass)).Append("</b> ")
            .Append(Format(e.ClassProbabilities[predicted], "F3")).Append("</span>");
        if (e.ExplainedClass != e.PredictedClass)
            html.Append("<span class=\"label\">explained: <b>").Append(Encode(e.ExplainedClass)).Append("</b></span>");
        html.AppendLine("</div><p class=\"tokens\">");
        double scale = AttributionColours.Scale(e.Tokens.Select(t => t.Attribution));
        foreach (TokenAttribution token in e.Tokens)
        {
            string kind = token.Kind switch
            {
                TokenKind.CapitalizationMarker => " marker",
                TokenKind.Unknown => " unknown",
                TokenKind.Missing => " missing",
                _ => string.Empty,
            };
            html.Append("<span class=\"token").Append(kind).Append("\" style=\"background-color:")
                .Append(AttributionColours.Css(token.Attribution, scale)).Append("\" data-attribution=\"")
                .Append(Format(token.Attribution, "R")).Append("\" title=\"").Append(Format(token.Attribution,
                    "+0.0000;-0.0000;0.0000"))
                .Append("\">").Append(Encode(token.Token)).Append("</span> ");
        }

        if (e.Truncated)
            html.Append("<span class=\"cut\">… ").Append(e.TruncatedTokenCount)
                .Append(" more tokens cut by the tokenizer</span>");
        html.AppendLine("</p></li>");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Format(float value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private const string Legend =
        "<div class=\"legend\"><span class=\"swatch\" style=\"background-color:rgba(26,152,80,0.85)\">towards</span>" +
        "<span class=\"swatch\" style=\"background-color:rgba(215,48,39,0.85)\">against</span>" +
        "<span>the class explained (the predicted one unless stated); shade: share of the text's largest " +
            "attribution; " +
        "hover a token for its attribution. <code>xxmaj</code>/<code>xxup</code>: " +
        "capitalisation markers, <code>xxunk</code>: a word outside the vocabulary.</span></div>";

    private const string Style = """
        body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 60em; color: #222; }
        h1 { font-size: 1.4em; } .description, .summary { color: #555; }
        .legend { display: flex; gap: .8em; align-items: center; flex-wrap: wrap; padding: .6em; background: #f6f6f6; }
        .swatch { padding: .1em .5em; border-radius: 3px; color: #fff; }
        .texts { padding-left: 1.5em; } .text { margin: 1em 0; padding: .5em; border-left: 4px solid #ccc; }
        .text.right { border-color: #1a9850; } .text.wrong { border-color: #d73027; }
        .labels { display: flex; gap: 1.5em; font-size: .9em; color: #444; }
        .tokens { line-height: 2; margin: .4em 0; }
        .token { padding: .15em .25em; border-radius: 3px; }
        .token.marker, .token.missing { font-size: .75em; font-style: italic; color: #666; }
        .token.unknown { text-decoration: underline dotted; }
        .cut { color: #888; font-style: italic; }
        """;
}
