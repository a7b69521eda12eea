using System.Globalization;
using Spectre.Console;

namespace Ml.Recurrent.Samples.Explaining;

/// <summary>
/// Writes an explanation for a person: on a terminal each token on a background coloured by its attribution
/// (Spectre.Console); when output is redirected, plain text with each token's score, one token per line.
/// </summary>
public static class TerminalExplanation
{
    /// <summary>The header line: text, predicted class with its probability, explained class, method.</summary>
    public static string Header(string text, TextExplanation e, IReadOnlyList<string> classNames)
    {
        string probabilities = string.Join(", ", classNames.Select((c, i) =>
            string.Create(CultureInfo.InvariantCulture, $"{c} {e.ClassProbabilities[i]:F3}")));
        string method = e.Method == AttributionMethod.IntegratedGradients
            ? string.Create(CultureInfo.InvariantCulture,
                $"integrated gradients, {e.Steps} steps, completeness gap {e.CompletenessGap:+0.0000;-0.0000;0.0000}")
            : "occlusion";
        return $"\"{Shorten(text)}\" → {e.PredictedClass} ({probabilities}); attributions to {e.ExplainedClass} " +
            $"({e.Output}, {method})";
    }

    /// <summary>Plain text: the header, then one line per token with its attribution; the cut, if any.</summary>
    public static string Plain(string text, TextExplanation e, IReadOnlyList<string> classNames)
    {
        var lines = new List<string> { Header(text, e, classNames) };
        foreach (TokenAttribution t in e.Tokens)
        {
            string kind = t.Kind == TokenKind.Word ? string.Empty : $"  ({t.Kind})";
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"  {t.Attribution,10:+0.0000;-0.0000;0.0000}  {t.Token}{kind}"));
        }

        if (e.Truncated) lines.Add($"  [truncated: {e.TruncatedTokenCount} more tokens were not read]");
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>Spectre markup: the tokens in order on coloured backgrounds, markers dimmed, then the cut.</summary>
    public static string Markup(TextExplanation e)
    {
        double scale = AttributionColours.Scale(e.Tokens.Select(t => t.Attribution));
        var parts = e.Tokens.Select(t =>
        {
            string style = t.Kind == TokenKind.Word ? "black" : "grey italic";
            return $"[{style} on " +
                $"{AttributionColours.Hex(t.Attribution, scale)}]{Spectre.Console.Markup.Escape(t.Token)}[/]";
        });
        string line = string.Join(' ', parts);
        return e.Truncated ? $"{line} [grey]… {e.TruncatedTokenCount} tokens cut[/]" : line;
    }

    /// <summary>Writes the explanation to the console the way the console can show it.</summary>
    public static void Write(string text, TextExplanation e, IReadOnlyList<string> classNames)
    {
        if (Console.IsOutputRedirected)
        {
            Console.WriteLine(Plain(text, e, classNames));
            return;
        }

        AnsiConsole.WriteLine(Header(text, e, classNames));
        AnsiConsole.MarkupLine(Markup(e));
        AnsiConsole.MarkupLine("[grey]legend:[/] [black on #1a9850] towards [/] [black on #d73027] against [/] " +
            "[grey](shade: share of the text's largest attribution)[/]");
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
