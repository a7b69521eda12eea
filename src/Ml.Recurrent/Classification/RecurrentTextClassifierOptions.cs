using Microsoft.ML;
using Ml.Recurrent.Training;

namespace Ml.Recurrent;

/// <summary>
/// Options of the recurrent text classifier (binary and multiclass). Every numeric option is checked by
/// <see cref="Validate"/>; a bad value raises an exception that names the option and echoes the value.
/// </summary>
/// <remarks>
/// The defaults aim at good accuracy without tuning on sentence- and paragraph-length texts on a CPU:
/// a bidirectional LSTM (LSTM runs on oneDNN's fused kernel, the fastest cell on CPU per unit of accuracy),
/// concat pooling (last, max and mean), dropout, Adam with a one-cycle schedule and gradient clipping.
/// </remarks>
public sealed partial class RecurrentTextClassifierOptions : ITrainingSettings
{
    /// <summary>Default of <see cref="LabelColumnName"/>.</summary>
    public const string DefaultLabelColumnName = "Label";

    /// <summary>Default of <see cref="FeatureColumnName"/>.</summary>
    public const string DefaultFeatureColumnName = "Tokens";

    /// <summary>Default of <see cref="Cell"/>.</summary>
    public const RecurrentCell DefaultCell = RecurrentCell.Lstm;

    /// <summary>Default of <see cref="Bidirectional"/>.</summary>
    public const bool DefaultBidirectional = true;

    /// <summary>Default of <see cref="NumberOfLayers"/>.</summary>
    public const int DefaultNumberOfLayers = 1;

    /// <summary>Default of <see cref="EmbeddingSize"/>.</summary>
    public const int DefaultEmbeddingSize = 100;

    /// <summary>Default of <see cref="HiddenSize"/>.</summary>
    public const int DefaultHiddenSize = 100;

    /// <summary>Default of <see cref="Pooling"/>.</summary>
    public const SequencePooling DefaultPooling = SequencePooling.LastMaxMean;

    /// <summary>Default of <see cref="HeadHiddenSize"/>.</summary>
    public const int DefaultHeadHiddenSize = 64;

    /// <summary>Default of <see cref="HeadActivation"/>.</summary>
    public const HeadActivation DefaultHeadActivation = HeadActivation.Relu;

    /// <summary>Default of <see cref="Dropout"/>.</summary>
    public const float DefaultDropout = 0.2f;

    /// <summary>Default of <see cref="EmbeddingDropout"/>.</summary>
    public const float DefaultEmbeddingDropout = 0.1f;

    /// <summary>Default of <see cref="BatchSize"/>.</summary>
    public const int DefaultBatchSize = 64;

    /// <summary>Default of <see cref="NumberOfEpochs"/>.</summary>
    public const int DefaultNumberOfEpochs = 5;

    /// <summary>Default of <see cref="LearningRate"/>.</summary>
    public const float DefaultLearningRate = 1e-2f;

    /// <summary>Default of <see cref="MaximumRecurrentLength"/>.</summary>
    public const int DefaultMaximumRecurrentLength = 128;

    /// <summary>Default of <see cref="GradientClippingNorm"/>.</summary>
    public const float DefaultGradientClippingNorm = 1.0f;

    /// <summary>Name of the label column: a key type (multiclass, e.g. from <c>MapValueToKey</c>) or <see cref="bool"/>
    /// (binary). Default "Label".</summary>
    public string LabelColumnName { get; set; } = DefaultLabelColumnName;

    /// <summary>
    /// Name of the token column: a variable- or fixed-length vector of keys, as made by
    /// <c>TokenizeForRecurrent</c> or by <c>TokenizeIntoWords</c> → <c>MapValueToKey</c>. The key count sizes
    /// the embedding. Default "Tokens".
    /// </summary>
    public string FeatureColumnName { get; set; } = DefaultFeatureColumnName;

    /// <summary>The recurrent cell. Default <see cref="RecurrentCell.Lstm"/>.</summary>
    public RecurrentCell Cell { get; set; } = DefaultCell;

    /// <summary>With <see cref="RecurrentCell.Custom"/>: the name under which the cell's factory is registered in
    /// <see cref="Modeling.RecurrentCellRegistry"/>. Default <c>null</c>.</summary>
    public string? CustomCellName { get; set; }

    /// <summary>Non-linearity of <see cref="RecurrentCell.Rnn"/> and <see cref="RecurrentCell.HandWrittenRnn"/>.
    /// Default tanh.</summary>
    public RnnActivation RnnActivation { get; set; } = RnnActivation.Tanh;

    /// <summary>Read each text in both directions and concatenate the two states. Default <c>true</c>.</summary>
    public bool Bidirectional { get; set; } = DefaultBidirectional;

    /// <summary>Stacked recurrent layers. Default 1; 1 to <see cref="RecurrentArchitecture.Limits.MaximumLayers"/>
    /// (8).</summary>
    public int NumberOfLayers { get; set; } = DefaultNumberOfLayers;

    /// <summary>Width of each token's embedding vector. Default 100; 1 to
    /// <see cref="RecurrentArchitecture.Limits.MaximumWidth"/> (4,096).</summary>
    public int EmbeddingSize { get; set; } = DefaultEmbeddingSize;

    /// <summary>
    /// Most tokens of a text the recurrent part reads. A longer text is read as its first quarter and its last three
    /// quarters of this many tokens (head and tail: the subject and the conclusion of a long document), and the
    /// bag-of-n-grams path, when on, reads every token the tokenizer kept. The recurrent part's time and memory grow
    /// with this length, the bag's barely. Default 128: sentences and short reviews are read whole; of a long document
    /// its first 32 and last 96 tokens, while the bag path reads all of it (on 20newsgroups this read better and three
    /// times faster than 400 tokens without the path; docs/benchmarks.md). 0 reads every token; at least 0.
    /// </summary>
    public int MaximumRecurrentLength { get; set; } = DefaultMaximumRecurrentLength;

    /// <summary>Width of the recurrent state per direction. Default 100; 1 to
    /// <see cref="RecurrentArchitecture.Limits.MaximumWidth"/> (4,096).</summary>
    public int HiddenSize { get; set; } = DefaultHiddenSize;

    /// <summary>How per-token outputs become one vector. Default <see cref="SequencePooling.LastMaxMean"/>.</summary>
    public SequencePooling Pooling { get; set; } = DefaultPooling;

    /// <summary>
    /// Width of the head's hidden layer (the tutorial uses 10); 0 means a single linear layer. Default 64,
    /// wide enough not to bottleneck tasks with many classes; 0 to 4,096.
    /// </summary>
    public int HeadHiddenSize { get; set; } = DefaultHeadHiddenSize;

    /// <summary>Activation between the head's two linear layers. Default <see cref="HeadActivation.Relu"/>.</summary>
    public HeadActivation HeadActivation { get; set; } = DefaultHeadActivation;

    /// <summary>Dropout probability between recurrent layers and before the head. Default 0.2; in [0, 1).</summary>
    public float Dropout { get; set; } = DefaultDropout;

    /// <summary>Dropout probability on the embedded tokens. Default 0.1; in [0, 1).</summary>
    public float EmbeddingDropout { get; set; } = DefaultEmbeddingDropout;

    /// <summary>Texts per training batch. Default 64; 1 to 65,536.</summary>
    public int BatchSize { get; set; } = DefaultBatchSize;

    /// <summary>
    /// Passes over the training data. Default 5; 1 to 10,000. With the one-cycle schedule, sentence-length data is
    /// usually fitted by then; long documents learn more slowly and gain from more epochs (and a wider
    /// <see cref="HiddenSize"/>), at proportionally longer training (docs/benchmarks.md has the measurements).
    /// </summary>
    public int NumberOfEpochs { get; set; } = DefaultNumberOfEpochs;

    /// <summary>
    /// Peak learning rate (the constant rate with <see cref="LearningRateScheduleKind.Constant"/>); in (0, 10].
    /// Default 1e-2, the peak of a one-cycle schedule for Adam: the schedule starts 25 times lower and anneals to
    /// almost zero, so the peak can be high. It was tuned for Adam and AdamW against 3e-3 on the shared datasets
    /// (docs/benchmarks.md); with <see cref="OptimizerKind.Sgd"/>, tune it.
    /// </summary>
    public float LearningRate { get; set; } = DefaultLearningRate;

    /// <summary>Seed for initialisation, shuffling and dropout. <c>null</c> (default) draws one from the
    /// <see cref="MLContext"/>'s seed.</summary>
    public int? Seed { get; set; }

    /// <summary>The architecture these options describe, for a token column of
    /// <paramref name="keyCount"/> keys.</summary>
    internal RecurrentArchitecture ToArchitecture(int keyCount, int outputSize) => new()
    {
        KeyCount = keyCount,
        EmbeddingSize = EmbeddingSize,
        Cell = Cell,
        CustomCellName = CustomCellName,
        RnnActivation = RnnActivation,
        HiddenSize = HiddenSize,
        NumberOfLayers = NumberOfLayers,
        Bidirectional = Bidirectional,
        Pooling = Pooling,
        HeadHiddenSize = HeadHiddenSize,
        HeadActivation = HeadActivation,
        EmbeddingDropout = EmbeddingDropout,
        Dropout = Dropout,
        OutputSize = outputSize,
        BagOfNgramsLength = BagOfNgramsLength,
        BagOfNgramsBuckets = BagOfNgramsLength >= 2 ? BucketsFor(outputSize) : 0,
        BagOfNgramsWeighting = BagOfNgramsLength > 0 ? BagOfNgramsWeighting : BagOfNgramsWeighting.Count,
        MaximumRecurrentLength = MaximumRecurrentLength,
    };
}
