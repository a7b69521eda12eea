using Ml.Recurrent.Samples.Data;
using Ml.Recurrent.Samples.Experiments;
using Ml.Recurrent.Samples.Training;

namespace Ml.Recurrent.Samples.Tests;

/// <summary>Tiny data and model sizes so that a training run takes well under a second.</summary>
internal static class Tiny
{
    public const int EmbeddingSize = 8, HiddenSize = 8, HeadHiddenSize = 4;

    public static Dataset Dataset(int train = 120, int test = 40) =>
        DatasetLoader.Load(new DatasetRequest { SyntheticSize = (train, test) });

    public static RecurrentTextClassifierOptions Classifier(int epochs = 1) => new()
    {
        EmbeddingSize = EmbeddingSize, HiddenSize = HiddenSize, HeadHiddenSize = HeadHiddenSize, BatchSize = 16,
        NumberOfEpochs = epochs, NumberOfThreads = 1, Seed = 3,
    };

    public static RecurrentTokenizerOptions Tokenizer() => new() { MinimumCount = 1 };

    public static ExperimentSettings Settings(ValidationSource validation = ValidationSource.Fraction) => new()
    {
        Classifier = () => Classifier(),
        Tokenizer = Tokenizer,
        Epochs = 1,
        Validation = validation,
        ValidationFraction = 0.2f,
    };
}
