namespace Ml.Recurrent;

/// <summary>
/// Why a recurrent classifier gave a text its label: the tokens as the model read them, each with its attribution
/// to <see cref="ExplainedClass"/>, and the outputs the attributions account for.
/// </summary>
public sealed class TextExplanation
{
    internal TextExplanation(IReadOnlyList<TokenAttribution> tokens, int truncatedTokenCount, string predictedClass,
        string explainedClass, IReadOnlyList<float> classProbabilities, float score, float baselineScore,
        AttributionMethod method, ExplainedOutput output, int steps)
    {
        Tokens = tokens;
        TruncatedTokenCount = truncatedTokenCount;
        PredictedClass = predictedClass;
        ExplainedClass = explainedClass;
        ClassProbabilities = classProbabilities;
        Score = score;
        BaselineScore = baselineScore;
        Method = method;
        Output = output;
        Steps = steps;
    }

    /// <summary>The tokens the model read, in order, with markers, unknown tokens and their attributions.</summary>
    public IReadOnlyList<TokenAttribution> Tokens { get; }

    /// <summary>How many tokens the tokenizer cut off after the last of <see cref="Tokens"/> (its maximum length); 0 if
    /// none.</summary>
    public int TruncatedTokenCount { get; }

    /// <summary>Whether the tokenizer cut the text: the model never saw its end.</summary>
    public bool Truncated => TruncatedTokenCount > 0;

    /// <summary>The class the model predicts for the text.</summary>
    public string PredictedClass { get; }

    /// <summary>The class the attributions explain (the predicted class unless another was asked for).</summary>
    public string ExplainedClass { get; }

    /// <summary>The probability of every class, in the order of the model's class names (binary: False,
    /// True).</summary>
    public IReadOnlyList<float> ClassProbabilities { get; }

    /// <summary>The explained output (<see cref="Output"/> of <see cref="ExplainedClass"/>) for the text.</summary>
    public float Score { get; }

    /// <summary>The explained output for the baseline: padding embeddings at every position, same length.</summary>
    public float BaselineScore { get; }

    /// <summary>The attribution method used.</summary>
    public AttributionMethod Method { get; }

    /// <summary>The output explained.</summary>
    public ExplainedOutput Output { get; }

    /// <summary>Interpolation points of integrated gradients; 0 for occlusion.</summary>
    public int Steps { get; }

    /// <summary>
    /// Sum of the attributions minus (<see cref="Score"/> − <see cref="BaselineScore"/>). Integrated gradients make
    /// this zero up to quadrature error (completeness); occlusion attributions need not add up.
    /// </summary>
    public float CompletenessGap => Tokens.Sum(t => t.Attribution) - (Score - BaselineScore);
}
