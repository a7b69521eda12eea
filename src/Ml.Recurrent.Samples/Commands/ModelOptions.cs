using System.CommandLine;

namespace Ml.Recurrent.Samples.Commands;

/// <summary>Command-line options for the tokenizer and classifier; defaults are the library's.</summary>
internal sealed class ModelOptions
{
    private readonly Option<RecurrentCell> _cell =
        new("--cell") { Description = "Recurrent cell: Rnn, Lstm, Gru or HandWrittenRnn.",
            DefaultValueFactory = _ => RecurrentTextClassifierOptions.DefaultCell };
    private readonly Option<bool> _unidirectional =
        new("--unidirectional") { Description = "Read texts in one direction only (default: both)." };
    private readonly Option<int> _layers =
        new("--layers") { Description = "Stacked recurrent layers.",
            DefaultValueFactory = _ => RecurrentTextClassifierOptions.DefaultNumberOfLayers };
    private readonly Option<int?> _epochs =
        new("--epochs") { Description = $"Training epochs (train: " +
            $"{RecurrentTextClassifierOptions.DefaultNumberOfEpochs}; experiments: their own default)." };
    private readonly Option<int> _embedding =
        new("--embedding-size") { Description = "Embedding width.",
            DefaultValueFactory = _ => RecurrentTextClassifierOptions.DefaultEmbeddingSize };
    private readonly Option<int> _hidden =
        new("--hidden-size") { Description = "Recurrent state width per direction.",
            DefaultValueFactory = _ => RecurrentTextClassifierOptions.DefaultHiddenSize };
    private readonly Option<int> _headHidden =
        new("--head-hidden-size") { Description = "Width of the head's hidden layer (0: a single linear layer).",
            DefaultValueFactory = _ => RecurrentTextClassifierOptions.DefaultHeadHiddenSize };
    private readonly Option<HeadActivation> _headActivation =
        new("--head-activation") { Description = "Head activation: None, Relu, Elu, LeakyRelu, Tanh.",
            DefaultValueFactory = _ => RecurrentTextClassifierOptions.DefaultHeadActivation };
    private readonly Option<float> _dropout =
        new("--dropout") { Description = "Dropout between layers and before the head.",
            DefaultValueFactory = _ => RecurrentTextClassifierOptions.DefaultDropout };
    private readonly Option<float> _embeddingDropout =
        new("--embedding-dropout") { Description = "Dropout on embedded tokens.",
            DefaultValueFactory = _ => RecurrentTextClassifierOptions.DefaultEmbeddingDropout };
    private readonly Option<float> _weightDecay =
        new("--weight-decay") { Description = "Weight decay (L2 penalty; decoupled with --optimizer AdamW).",
            DefaultValueFactory = _ => 0f };
    private readonly Option<OptimizerKind> _optimizer =
        new("--optimizer") { Description = "Adam, AdamW or Sgd.", DefaultValueFactory = _ => OptimizerKind.Adam };
    private readonly Option<float> _learningRate =
        new("--learning-rate") { Description = "Peak learning rate.",
            DefaultValueFactory = _ => RecurrentTextClassifierOptions.DefaultLearningRate };
    private readonly Option<int> _batchSize =
        new("--batch-size") { Description = "Texts per batch.",
            DefaultValueFactory = _ => RecurrentTextClassifierOptions.DefaultBatchSize };
    private readonly Option<int> _vocabulary =
        new("--vocabulary-size") { Description = "Most words kept in the vocabulary.",
            DefaultValueFactory = _ => RecurrentTokenizerOptions.DefaultMaximumVocabularySize };
    private readonly Option<int> _maxLength =
        new("--max-length") { Description = "Tokens kept per text.",
            DefaultValueFactory = _ => RecurrentTokenizerOptions.DefaultMaximumLength };
    private readonly Option<int?> _threads =
        new("--threads") { Description = "TorchSharp threads (default: all cores)." };
    private readonly Option<ValidationMetric> _validationMetric =
        new("--validation-metric") { Description = "With validation: keep the epoch of lowest Loss or highest " +
            "Accuracy.", DefaultValueFactory = _ => ValidationMetric.Loss };
    private readonly Option<int> _seed =
        new("--seed") { Description = "Seed for initialisation, shuffling and dropout.", DefaultValueFactory = _ => 1 };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[]
                 {
                     _cell, _unidirectional, _layers, _epochs, _embedding, _hidden, _headHidden, _headActivation,
                     _dropout, _embeddingDropout, _weightDecay, _optimizer, _learningRate, _batchSize, _vocabulary,
                     _maxLength, _threads, _validationMetric, _seed,
                 })
            command.Options.Add(option);
    }

    /// <summary>The epochs given, if any.</summary>
    public int? Epochs(ParseResult result) => result.GetValue(_epochs);

    /// <summary>Fresh classifier options from the parsed values (epochs: given or the library default).</summary>
    public RecurrentTextClassifierOptions Classifier(ParseResult result) => new()
    {
        Cell = result.GetValue(_cell),
        Bidirectional = !result.GetValue(_unidirectional),
        NumberOfLayers = result.GetValue(_layers),
        NumberOfEpochs = result.GetValue(_epochs) ?? RecurrentTextClassifierOptions.DefaultNumberOfEpochs,
        EmbeddingSize = result.GetValue(_embedding),
        HiddenSize = result.GetValue(_hidden),
        HeadHiddenSize = result.GetValue(_headHidden),
        HeadActivation = result.GetValue(_headActivation),
        Dropout = result.GetValue(_dropout),
        EmbeddingDropout = result.GetValue(_embeddingDropout),
        WeightDecay = result.GetValue(_weightDecay),
        Optimizer = result.GetValue(_optimizer),
        LearningRate = result.GetValue(_learningRate),
        BatchSize = result.GetValue(_batchSize),
        NumberOfThreads = result.GetValue(_threads),
        ValidationMetric = result.GetValue(_validationMetric),
        Seed = result.GetValue(_seed),
    };

    /// <summary>Fresh tokenizer options from the parsed values.</summary>
    public RecurrentTokenizerOptions Tokenizer(ParseResult result) => new()
    {
        MaximumVocabularySize = result.GetValue(_vocabulary),
        MaximumLength = result.GetValue(_maxLength),
    };
}
