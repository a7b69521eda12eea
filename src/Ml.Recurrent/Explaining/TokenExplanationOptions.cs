namespace Ml.Recurrent;

/// <summary>Options of a <see cref="RecurrentExplainer"/>: method, explained output and class, output column
/// names.</summary>
public sealed class TokenExplanationOptions
{
    /// <summary>Default of <see cref="Method"/>.</summary>
    public const AttributionMethod DefaultMethod = AttributionMethod.IntegratedGradients;

    /// <summary>Default of <see cref="Output"/>.</summary>
    public const ExplainedOutput DefaultOutput = ExplainedOutput.Logit;

    /// <summary>Default of <see cref="Steps"/>.</summary>
    public const int DefaultSteps = 128;

    /// <summary>Largest accepted <see cref="Steps"/>.</summary>
    public const int MaximumSteps = 1024;

    /// <summary>Default of <see cref="TokensColumnName"/>.</summary>
    public const string DefaultTokensColumnName = "ExplainedTokens";

    /// <summary>Default of <see cref="AttributionsColumnName"/>.</summary>
    public const string DefaultAttributionsColumnName = "Attributions";

    /// <summary>Default of <see cref="ExplainedClassColumnName"/>.</summary>
    public const string DefaultExplainedClassColumnName = "ExplainedClass";

    /// <summary>Default of <see cref="TruncatedColumnName"/>.</summary>
    public const string DefaultTruncatedColumnName = "Truncated";

    /// <summary>Attribution method. Default <see cref="AttributionMethod.IntegratedGradients"/>.</summary>
    public AttributionMethod Method { get; set; } = DefaultMethod;

    /// <summary>
    /// The explained output of the explained class. Default <see cref="ExplainedOutput.Logit"/>: attributions sum
    /// (integrated gradients) to the class logit of the text minus that of the padding baseline within 1% at the
    /// default steps on every text tested. With <see cref="ExplainedOutput.Probability"/> they are in probability
    /// units; one tested text (a GRU model, a class other than the predicted one) kept a 1.2% completeness gap at
    /// 64 and at 128 steps (docs/explanations.md).
    /// </summary>
    public ExplainedOutput Output { get; set; } = DefaultOutput;

    /// <summary>
    /// Integrated gradients' interpolation points between baseline and text, placed by Gauss–Legendre quadrature
    /// and run together in as few forward/backward passes as memory allows. Default 128: completeness of the logit
    /// held within 1% on every text of the tests at this setting (docs/explanations.md). 1 to
    /// <see cref="MaximumSteps"/>. Ignored by occlusion.
    /// </summary>
    public int Steps { get; set; } = DefaultSteps;

    /// <summary>
    /// The class to explain, by name (one of the model's class names; binary: <c>"True"</c> or <c>"False"</c>).
    /// Default <c>null</c>: each text's predicted class.
    /// </summary>
    public string? TargetClass { get; set; }

    /// <summary>Name of the added column of token texts (a text vector). Default <c>"ExplainedTokens"</c>.</summary>
    public string TokensColumnName { get; set; } = DefaultTokensColumnName;

    /// <summary>Name of the added column of attributions (a float vector, one per token). Default
    /// <c>"Attributions"</c>.</summary>
    public string AttributionsColumnName { get; set; } = DefaultAttributionsColumnName;

    /// <summary>Name of the added column holding the explained class's name (text). Default
    /// <c>"ExplainedClass"</c>.</summary>
    public string ExplainedClassColumnName { get; set; } = DefaultExplainedClassColumnName;

    /// <summary>
    /// Name of the added column holding how many tokens the tokenizer cut off the end of the text (int32; 0 when
    /// the whole text was read). Default <c>"Truncated"</c>.
    /// </summary>
    public string TruncatedColumnName { get; set; } = DefaultTruncatedColumnName;

    /// <summary>Checks every option; throws <see cref="ArgumentException"/> naming the option and its value.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Method))
        {
            throw new ArgumentOutOfRangeException(nameof(Method), Method,
                $"{nameof(Method)} must be one of {string.Join(", ", Enum.GetNames<AttributionMethod>())}; " +
                $"got {(int)Method}.");
        }

        if (!Enum.IsDefined(Output))
        {
            throw new ArgumentOutOfRangeException(nameof(Output), Output,
                $"{nameof(Output)} must be one of {string.Join(", ", Enum.GetNames<ExplainedOutput>())}; " +
                $"got {(int)Output}.");
        }

        if (Steps < 1 || Steps > MaximumSteps)
        {
            throw new ArgumentOutOfRangeException(nameof(Steps), Steps,
                $"{nameof(Steps)} must be from 1 to {MaximumSteps}; got {Steps}.");
        }

        if (TargetClass is { Length: 0 })
        {
            throw new ArgumentException(
                $"{nameof(TargetClass)} must be a class name or null (the predicted class); got an empty string.",
                nameof(TargetClass));
        }

        string[] names = [TokensColumnName, AttributionsColumnName, ExplainedClassColumnName, TruncatedColumnName];
        string[] options =
        [
            nameof(TokensColumnName), nameof(AttributionsColumnName), nameof(ExplainedClassColumnName),
            nameof(TruncatedColumnName),
        ];
        for (int i = 0; i < names.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(names[i]))
                throw new ArgumentException($"{options[i]} must name a column; got '{names[i]}'.", options[i]);
            int first = Array.IndexOf(names, names[i]);
            if (first != i)
            {
                throw new ArgumentException($"{options[i]} and {options[first]} must differ; both are '{names[i]}'.",
                    options[i]);
            }
        }
    }

    internal TokenExplanationOptions Clone() => (TokenExplanationOptions)MemberwiseClone();
}
