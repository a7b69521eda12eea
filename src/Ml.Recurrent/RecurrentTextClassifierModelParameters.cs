using Ml.Recurrent.Modeling;
using Ml.Recurrent.Scoring;
using static TorchSharp.torch;

namespace Ml.Recurrent;

/// <summary>
/// What a trained recurrent classifier is: its classes, vocabulary size, architecture, training history and
/// weights (for inspection, e.g. an embedding map). Obtained from <see cref="RecurrentTextClassifierTransformer.Model"/>.
/// </summary>
public sealed class RecurrentTextClassifierModelParameters
{
    internal RecurrentTextClassifierModelParameters(RecurrentClassifierModule module, IReadOnlyList<string> classNames, IReadOnlyList<string> tokenTerms, TrainingHistory? history)
    {
        Shape = module.Shape;
        ClassNames = classNames;
        TokenTerms = tokenTerms;
        History = history;
        ParameterCount = module.parameters().Sum(p => p.numel());
        Scorer = new BatchScorer(module);
    }

    internal RecurrentModelShape Shape { get; }

    /// <summary>Owns the module: every use of the weights after training goes through it (and its lock).</summary>
    internal BatchScorer Scorer { get; }

    /// <summary>Class names in output order (binary: "False", "True").</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Key count of the token column the model was trained on (the vocabulary size).</summary>
    public int VocabularySize => Shape.KeyCount;

    /// <summary>
    /// The token column's key values (term of key <c>k</c> at index <c>k − 1</c>), when that column had text key values;
    /// otherwise empty. A lone UTF-16 surrogate in a term is stored as U+FFFD (UTF-8 cannot hold it). When present,
    /// scoring checks that the token column has these same key values.
    /// </summary>
    public IReadOnlyList<string> TokenTerms { get; }

    /// <summary>The recurrent cell.</summary>
    public RecurrentCell Cell => Shape.Cell;

    /// <summary>The registered name of a <see cref="RecurrentCell.Custom"/> cell; otherwise <c>null</c>.</summary>
    public string? CustomCellName => Shape.CustomCellName;

    /// <summary>Non-linearity of an Elman cell.</summary>
    public RnnActivation RnnActivation => Shape.RnnActivation;

    /// <summary>Whether the encoder reads both directions.</summary>
    public bool Bidirectional => Shape.Bidirectional;

    /// <summary>Stacked recurrent layers.</summary>
    public int NumberOfLayers => Shape.NumberOfLayers;

    /// <summary>Width of the token embeddings.</summary>
    public int EmbeddingSize => Shape.EmbeddingSize;

    /// <summary>Width of the recurrent state per direction.</summary>
    public int HiddenSize => Shape.HiddenSize;

    /// <summary>Pooling over positions.</summary>
    public SequencePooling Pooling => Shape.Pooling;

    /// <summary>Width of the head's hidden layer (0: none).</summary>
    public int HeadHiddenSize => Shape.HeadHiddenSize;

    /// <summary>Activation in the head.</summary>
    public HeadActivation HeadActivation => Shape.HeadActivation;

    /// <summary>Dropout between layers and before the head (used in training only).</summary>
    public float Dropout => Shape.Dropout;

    /// <summary>Dropout on embeddings (used in training only).</summary>
    public float EmbeddingDropout => Shape.EmbeddingDropout;

    /// <summary>Number of trainable weights.</summary>
    public long ParameterCount { get; }

    /// <summary>Per-epoch training records, also after loading a saved model; <c>null</c> only for models saved without one.</summary>
    public TrainingHistory? History { get; }

    /// <summary>The learned embedding of every key: row <c>k − 1</c> is key <c>k</c>, <c>[VocabularySize, EmbeddingSize]</c>.</summary>
    /// <exception cref="ObjectDisposedException">The transformer holding this model was disposed.</exception>
    public float[,] GetEmbeddingMatrix() => Scorer.Use(module =>
    {
        using var scope = NewDisposeScope();
        using var grad = no_grad();
        Tensor keys = module.EmbeddingWeight.narrow(0, 1, Shape.KeyCount).contiguous();
        float[] flat = keys.data<float>().ToArray();
        var matrix = new float[Shape.KeyCount, Shape.EmbeddingSize];
        Buffer.BlockCopy(flat, 0, matrix, 0, flat.Length * sizeof(float));
        return matrix;
    });
}
