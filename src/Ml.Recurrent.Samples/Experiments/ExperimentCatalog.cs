namespace Ml.Recurrent.Samples.Experiments;

/// <summary>The four experiments of the tutorial's exercises that compare training runs (exercise 3, the embedding map,
/// is the <c>embeddings</c> command).</summary>
public static class ExperimentCatalog
{
    /// <summary>Exercise 1: Elman RNN vs LSTM vs GRU, each one-way and bidirectional.</summary>
    public static ExperimentDefinition Cells { get; } = new(
        "cells",
        "Recurrent cells",
        "Exercise 1: how do RNN, LSTM and GRU cells, read in one or both directions, compare in accuracy and " +
        "training time?",
        [
            Cell(RecurrentCell.Rnn, false), Cell(RecurrentCell.Rnn, true),
            Cell(RecurrentCell.Lstm, false), Cell(RecurrentCell.Lstm, true),
            Cell(RecurrentCell.Gru, false), Cell(RecurrentCell.Gru, true),
        ],
        DefaultEpochs: 5);

    /// <summary>Exercise 2: vocabulary of 5,000, 10,000 and 20,000 words.</summary>
    public static ExperimentDefinition Vocabulary { get; } = new(
        "vocabulary",
        "Vocabulary size",
        "Exercise 2: does a larger vocabulary (5,000 / 10,000 / 20,000 most frequent words) help? Every word seen at " +
        "least once may enter (minimum count 1), so the size cap decides; a cap above the corpus's distinct words " +
        "changes nothing (see the Vocabulary column).",
        [Words(5_000), Words(10_000), Words(20_000)],
        DefaultEpochs: 5);

    /// <summary>Exercise 4: no regularisation vs dropout vs weight decay vs both, with train
    /// and validation curves.</summary>
    public static ExperimentDefinition Regularisation { get; } = new(
        "regularisation",
        "Regularisation",
        "Exercise 4: how do dropout and weight decay change the gap between training and validation curves?",
        [
            new("none", o => { o.Dropout = 0; o.EmbeddingDropout = 0; o.WeightDecay = 0; }),
            new("dropout 0.5", o => { o.Dropout = 0.5f; o.EmbeddingDropout = 0.2f; o.WeightDecay = 0; }),
            new("weight decay 0.1", o =>
            {
                o.Dropout = 0; o.EmbeddingDropout = 0; o.Optimizer = OptimizerKind.AdamW; o.WeightDecay = 0.1f;
            }),
            new("dropout + decay", o =>
            {
                o.Dropout = 0.5f; o.EmbeddingDropout = 0.2f; o.Optimizer = OptimizerKind.AdamW; o.WeightDecay = 0.1f;
            }),
        ],
        DefaultEpochs: 8);

    /// <summary>Exercise 5: the head's activation: none, ReLU, ELU, LeakyReLU.</summary>
    public static ExperimentDefinition Activation { get; } = new(
        "activation",
        "Head activation",
        "Exercise 5: does the activation in the classification head change convergence speed or final accuracy?",
        [Head(HeadActivation.None), Head(HeadActivation.Relu), Head(HeadActivation.Elu),
            Head(HeadActivation.LeakyRelu)],
        DefaultEpochs: 5);

    /// <summary>All experiments, in exercise order.</summary>
    public static IReadOnlyList<ExperimentDefinition> All { get; } = [Cells, Vocabulary, Regularisation, Activation];

    /// <summary>The experiment called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No such experiment; the message lists the names.</exception>
    public static ExperimentDefinition Find(string name) =>
        All.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown experiment '{name}'; choose one of " +
            $"{string.Join(", ", All.Select(e => e.Name))}.", nameof(name));

    private static ExperimentVariant Cell(RecurrentCell cell, bool bidirectional) =>
        new($"{(bidirectional ? "Bi" : string.Empty)}{cell.ToString().ToUpperInvariant()}",
            o => { o.Cell = cell; o.Bidirectional = bidirectional; });

    private static ExperimentVariant Words(int size) =>
        new(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{size:N0} words"), _ => { }, t =>
        {
            t.MaximumVocabularySize = size;
            t.MinimumCount = 1;
        });

    private static ExperimentVariant Head(HeadActivation activation) =>
        new(activation.ToString(), o => o.HeadActivation = activation);
}
