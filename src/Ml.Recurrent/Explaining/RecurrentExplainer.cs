using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.DataView;
using Ml.Recurrent.Explaining;
using Ml.Recurrent.Tokenization;

namespace Ml.Recurrent;

/// <summary>
/// Explains a recurrent classifier's predictions token by token: for one text (<see cref="Explain"/>) or for every
/// row of an <see cref="IDataView"/> (<see cref="Transform"/>, which scores the data and adds token and attribution
/// columns). Works with a freshly trained model or one loaded with <c>mlContext.Model.Load</c>. Calls on one
/// instance may come from several threads: they are serialised on the model's lock, like scoring.
/// </summary>
public sealed class RecurrentExplainer
{
    private readonly ITransformer? _model;
    private readonly TokenExplanationOptions _options;

    /// <summary>An explainer over a tokenizer and the classifier that reads its output.</summary>
    /// <param name="tokenizer">The tokenizer the classifier was trained behind.</param>
    /// <param name="classifier">The trained or loaded classifier.</param>
    /// <param name="options">Method, explained output and class, column names; validated here. <c>null</c>:
    /// defaults.</param>
    public RecurrentExplainer(RecurrentTokenizerTransformer tokenizer, RecurrentTextClassifierTransformer classifier,
        TokenExplanationOptions? options = null)
        : this(null, tokenizer, classifier, options)
    {
    }

    private RecurrentExplainer(ITransformer? model, RecurrentTokenizerTransformer tokenizer,
        RecurrentTextClassifierTransformer classifier, TokenExplanationOptions? options)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(classifier);
        if (tokenizer.OutputColumnName != classifier.FeatureColumnName)
        {
            throw new ArgumentException($"The classifier reads column '{classifier.FeatureColumnName}' but the " +
                $"tokenizer writes '{tokenizer.OutputColumnName}'; pass the tokenizer the classifier was trained " +
                "behind.",
                nameof(tokenizer));
        }

        if (tokenizer.VocabularySize != classifier.Model.VocabularySize)
        {
            throw new ArgumentException($"The tokenizer has {tokenizer.VocabularySize} keys but the classifier was " +
                $"trained on {classifier.Model.VocabularySize}; pass the tokenizer the classifier was trained behind.",
                nameof(tokenizer));
        }

        _options = (options ?? new TokenExplanationOptions()).Clone();
        _options.Validate();
        if (_options.TargetClass is { } target) ClassIndex(classifier.Model.ClassNames, target);
        _model = model;
        Tokenizer = tokenizer;
        Classifier = classifier;
    }

    /// <summary>The tokenizer whose tokens are explained.</summary>
    public RecurrentTokenizerTransformer Tokenizer { get; }

    /// <summary>The classifier whose predictions are explained.</summary>
    public RecurrentTextClassifierTransformer Classifier { get; }

    /// <summary>The class names, in output order (binary: "False", "True").</summary>
    public IReadOnlyList<string> ClassNames => Classifier.Model.ClassNames;

    /// <summary>
    /// An explainer for a whole model (e.g. from <c>mlContext.Model.Load</c>): finds the last recurrent classifier in
    /// <paramref name="model"/> and the recurrent tokenizer that feeds it. <see cref="Transform"/> then runs the whole
    /// model.
    /// </summary>
    /// <param name="model">A transformer chain holding a <see cref="RecurrentTokenizerTransformer"/> and a <see
    /// cref="RecurrentTextClassifierTransformer"/>.</param>
    /// <param name="options">Method, explained output and class, column names; validated here. <c>null</c>:
    /// defaults.</param>
    public static RecurrentExplainer FromModel(ITransformer model, TokenExplanationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        List<ITransformer> parts = Flatten(model).ToList();
        int at = parts.FindLastIndex(t => t is RecurrentTextClassifierTransformer);
        if (at < 0)
            throw new ArgumentException($"The model ({model.GetType().Name}) holds no " +
                $"{nameof(RecurrentTextClassifierTransformer)}; " +
                "only recurrent text classifiers can be explained.", nameof(model));
        var classifier = (RecurrentTextClassifierTransformer)parts[at];
        RecurrentTokenizerTransformer tokenizer = parts.Take(at).OfType<RecurrentTokenizerTransformer>()
            .LastOrDefault(t => t.OutputColumnName == classifier.FeatureColumnName)
            ?? throw new ArgumentException($"The model holds no {nameof(RecurrentTokenizerTransformer)} writing " +
                $"column '{classifier.FeatureColumnName}' before its classifier; explanations need " +
                "TokenizeForRecurrent's tokens.", nameof(model));
        return new RecurrentExplainer(model, tokenizer, classifier, options);
    }

    /// <summary>The options in effect (a copy).</summary>
    public TokenExplanationOptions Options => _options.Clone();

    /// <summary>Explains the prediction for one text.</summary>
    /// <param name="text">Any text; an empty text is read as the model reads it (one missing token).</param>
    /// <param name="targetClass">The class to explain; <c>null</c>: <see cref="TokenExplanationOptions.TargetClass"/>,
    /// else the predicted class.</param>
    /// <exception cref="ArgumentException"><paramref name="targetClass"/> is not one of <see
    /// cref="ClassNames"/>.</exception>
    public TextExplanation Explain(string? text, string? targetClass = null)
    {
        var keys = new List<uint>();
        Tokenizer.Encoder.Encode((text ?? string.Empty).AsSpan(), Tokenizer.MaximumLength, keys);
        return ExplainKeys(keys, TruncatedCount(text, keys.Count), targetClass ?? _options.TargetClass);
    }

    /// <summary>
    /// Scores <paramref name="input"/> and adds, lazily for each row read, the tokens the model read (text vector),
    /// their attributions (float vector), the explained class (text) and the number of tokens truncation cut (int32).
    /// Input: what the model takes (for <see cref="FromModel"/>, the model's input; otherwise the tokenizer's text
    /// column).
    /// </summary>
    /// <param name="input">Data to score and explain.</param>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        IDataView scored = _model is not null
            ? _model.Transform(input)
            : Classifier.Transform(Tokenizer.Transform(input));
        return new RowMappedDataView(scored, new ExplanationRowMapper(this, scored.Schema, _options));
    }

    /// <summary>The schema <see cref="Transform"/> gives for input of schema <paramref name="inputSchema"/>.</summary>
    /// <param name="inputSchema">Schema of the data to explain.</param>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        DataViewSchema scored = _model is not null ? _model.GetOutputSchema(inputSchema)
            : Classifier.GetOutputSchema(Tokenizer.GetOutputSchema(inputSchema));
        return new ExplanationRowMapper(this, scored, _options).OutputSchema;
    }

    /// <summary>
    /// The model's class probabilities (in <see cref="ClassNames"/> order) for a sequence of token keys, e.g. the keys
    /// of an explanation's <see cref="TextExplanation.Tokens"/> with some removed, to test how much they mattered.
    /// </summary>
    /// <param name="tokenKeys">Token keys (1-based; 0 or out-of-range keys are read as missing); empty: one missing
    /// token.</param>
    public IReadOnlyList<float> ClassProbabilities(IReadOnlyList<uint> tokenKeys)
    {
        ArgumentNullException.ThrowIfNull(tokenKeys);
        long[] rows = Rows(tokenKeys);
        return Classifier.Model.Scorer.Use(module =>
        {
            module.eval();
            return Probabilities(new AttributionEngine(module, _options.Output).Logits(rows));
        });
    }

    internal int TruncatedCount(string? text, int kept)
    {
        if (kept < Tokenizer.MaximumLength || string.IsNullOrEmpty(text)) return 0;
        var all = new List<uint>();
        Tokenizer.Encoder.Encode(text.AsSpan(), int.MaxValue, all);
        return all.Count - kept;
    }

    internal TextExplanation ExplainKeys(IReadOnlyList<uint> keys, int truncated, string? targetClass)
    {
        RecurrentTextClassifierModelParameters model = Classifier.Model;
        long missingRow = model.VocabularySize + 1L;
        long[] rows = Rows(keys);
        int? requested = targetClass is null ? null : ClassIndex(model.ClassNames, targetClass);
        return model.Scorer.Use(module =>
        {
            module.eval();
            var engine = new AttributionEngine(module, _options.Output);
            float[] logits = engine.Logits(rows);
            float[] probabilities = Probabilities(logits);
            int predicted = Array.IndexOf(probabilities, probabilities.Max());
            int target = requested ?? predicted;
            (float[] attributions, float score, float baseline) = _options.Method == AttributionMethod.Occlusion
                ? engine.Occlusion(rows, target)
                : engine.IntegratedGradients(rows, target, _options.Steps);
            var tokens = new TokenAttribution[rows.Length];
            for (int i = 0; i < rows.Length; i++) tokens[i] = Describe(rows[i], missingRow, attributions[i]);
            int steps = _options.Method == AttributionMethod.Occlusion ? 0 : _options.Steps;
            return new TextExplanation(tokens, truncated, model.ClassNames[predicted], model.ClassNames[target],
                probabilities,
                score, baseline, _options.Method, _options.Output, steps);
        });
    }

    private long[] Rows(IReadOnlyList<uint> keys)
    {
        int keyCount = Classifier.Model.VocabularySize;
        long missingRow = keyCount + 1L;
        return keys.Count == 0 ? [missingRow] : keys.Select(k => k == 0 || k > keyCount ? missingRow : k).ToArray();
    }

    private TokenAttribution Describe(long row, long missingRow, float attribution)
    {
        if (row == missingRow) return new TokenAttribution("(missing)", 0, TokenKind.Missing, attribution);
        uint key = (uint)row;
        string term = Tokenizer.Encoder.TermOf(key);
        TokenKind kind = Tokenizer.Pretrained != PretrainedTokenizer.None ? TokenKind.Word : term switch
        {
            Vocabulary.UnknownTerm => TokenKind.Unknown,
            WordSplitter.MajorMarker or WordSplitter.UpperMarker => TokenKind.CapitalizationMarker,
            _ => TokenKind.Word,
        };
        return new TokenAttribution(term, key, kind, attribution);
    }

    private static float[] Probabilities(float[] logits)
    {
        if (logits.Length == 1)
        {
            float p = 1f / (1f + MathF.Exp(-logits[0]));
            return [1 - p, p];
        }

        float max = logits.Max();
        double[] exp = logits.Select(l => Math.Exp(l - max)).ToArray();
        double sum = exp.Sum();
        return exp.Select(e => (float)(e / sum)).ToArray();
    }

    private static int ClassIndex(IReadOnlyList<string> classNames, string name)
    {
        for (int i = 0; i < classNames.Count; i++)
        {
            if (classNames[i] == name) return i;
        }

        throw new ArgumentException(
            $"{nameof(TokenExplanationOptions.TargetClass)} '{name}' is not a class of this model; " +
            $"its classes are {string.Join(", ", classNames)}.", nameof(TokenExplanationOptions.TargetClass));
    }

    private static IEnumerable<ITransformer> Flatten(ITransformer model)
    {
        if (model is IEnumerable<ITransformer> chain)
        {
            foreach (ITransformer part in chain)
            {
                foreach (ITransformer inner in Flatten(part)) yield return inner;
            }
        }
        else
        {
            yield return model;
        }
    }
}
