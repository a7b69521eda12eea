namespace Ml.Recurrent.Samples.Explaining;

/// <summary>A text, its true label when known, and the explanation of the model's prediction for it.</summary>
/// <param name="Text">The text as given.</param>
/// <param name="TrueLabel">The dataset's label; <c>null</c> when unknown.</param>
/// <param name="Explanation">The explanation.</param>
public sealed record ExplainedText(string Text, string? TrueLabel, TextExplanation Explanation);
