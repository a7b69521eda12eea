namespace Ml.Recurrent.Samples.Experiments;

/// <summary>One arm of an experiment: a name and what it changes on top of the base options.</summary>
/// <param name="Name">Short name, used in tables, legends and file contents.</param>
/// <param name="Classifier">Changes to the classifier options.</param>
/// <param name="Tokenizer">Changes to the tokenizer options, if any.</param>
public sealed record ExperimentVariant(string Name, Action<RecurrentTextClassifierOptions> Classifier,
    Action<RecurrentTokenizerOptions>? Tokenizer = null);
