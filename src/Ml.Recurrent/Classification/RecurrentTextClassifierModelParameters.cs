using Ml.Recurrent.Modeling;
using Ml.Recurrent.Scoring;
using static TorchSharp.torch;

namespace Ml.Recurrent;

/// <summary>
/// What a trained recurrent classifier is: its classes, vocabulary, architecture, training history and weights (for
/// inspection, e.g. an embedding map). Obtained from <see cref="RecurrentTextClassifierTransformer.Model"/>.
/// </summary>
public sealed class RecurrentTextClassifierModelParameters
{
    internal RecurrentTextClassifierModelParameters(RecurrentClassifierModule module, IReadOnlyList<string> classNames,
        IReadOnlyList<string> tokenTerms, TrainingHistory? history)
    {
        Architecture = module.Architecture;
        ClassNames = classNames;
        TokenTerms = tokenTerms;
        History = history;
        ParameterCount = module.parameters().Sum(p => p.numel());
        Scorer = new BatchScorer(module);
    }

    /// <summary>The architecture: cell, sizes, pooling, head and dropouts, as the model was built and saved.</summary>
    public RecurrentArchitecture Architecture { get; }

    /// <summary>Owns the module: every use of the weights after training goes through it.</summary>
    internal BatchScorer Scorer { get; }

    /// <summary>Class names in output order (binary: "False", "True").</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Key count of the token column the model was trained on (the vocabulary size).</summary>
    public int VocabularySize => Architecture.KeyCount;

    /// <summary>
    /// The token column's key values (term of key <c>k</c> at index <c>k − 1</c>), when
    /// that column had text key values;
    /// otherwise empty. A lone UTF-16 surrogate in a term is stored as U+FFFD (UTF-8 cannot hold it). When present,
    /// scoring checks that the token column has these same key values.
    /// </summary>
    public IReadOnlyList<string> TokenTerms { get; }

    /// <summary>Number of trainable weights.</summary>
    public long ParameterCount { get; }

    /// <summary>Per-epoch training records, also after loading a saved model; <c>null</c> only for
    /// models saved without one.</summary>
    public TrainingHistory? History { get; }

    /// <summary>The learned embedding of every key: row <c>k − 1</c> is key <c>k</c>,
    /// <c>[VocabularySize, EmbeddingSize]</c>.</summary>
    /// <exception cref="ObjectDisposedException">The transformer holding this model was disposed.</exception>
    public float[,] GetEmbeddingMatrix() => Scorer.Use(module =>
    {
        using var scope = NewDisposeScope();
        using var grad = no_grad();
        int keys = Architecture.KeyCount, width = Architecture.EmbeddingSize;
        float[] flat = module.EmbeddingWeight.narrow(0, 1, keys).contiguous().data<float>().ToArray();
        var matrix = new float[keys, width];
        Buffer.BlockCopy(flat, 0, matrix, 0, flat.Length * sizeof(float));
        return matrix;
    });
}
