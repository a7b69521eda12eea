using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.Samples.Data;
using Ml.Recurrent.Samples.ModelBuilder;
using Ml.Recurrent.Samples.Progress;
using Ml.Recurrent.Samples.Training;

namespace Ml.Recurrent.Samples.Experiments;

/// <summary>Trains every variant of an experiment on the same data and measures it on the test split.</summary>
public static class ExperimentRunner
{
    /// <summary>Runs <paramref name="definition"/> on <paramref name="dataset"/>; progress goes to
    /// <paramref name="runs"/>.</summary>
    /// <exception cref="ArgumentException">Dev validation was asked for but the dataset has no dev split.</exception>
    public static ExperimentResult Run(ExperimentDefinition definition, Dataset dataset, ExperimentSettings settings,
        ITrainingRuns runs)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(runs);
        int epochs = settings.Epochs ?? definition.DefaultEpochs;
        string validation =
            TrainingJob.Describe(settings.Validation, dataset, settings.ValidationFraction,
                settings.Classifier().ValidationMetric);
        if (settings.WarmUp) WarmUp(definition.Variants[0], dataset, settings);
        var results = new List<VariantResult>();
        foreach (ExperimentVariant variant in definition.Variants)
            results.Add(RunVariant(variant, dataset, settings, epochs, runs));
        return new ExperimentResult(definition, results, dataset.Summary, validation, epochs);
    }

    private static void WarmUp(ExperimentVariant variant, Dataset dataset, ExperimentSettings settings)
    {
        var ml = new MLContext(seed: 1);
        RecurrentTextClassifierOptions classifier = settings.Classifier();
        classifier.NumberOfEpochs = 1;
        variant.Classifier(classifier);
        RecurrentTokenizerOptions tokenizer = settings.Tokenizer();
        variant.Tokenizer?.Invoke(tokenizer);
        Dataset small = dataset with { Train = DatasetLoader.Sample(dataset.Train, 256, seed: 1), Validation = null };
        (ITransformer model, _) = TrainingJob.Fit(ml, small, classifier, tokenizer, ValidationSource.None);
        SentimentModel.GetClassifier(model).Dispose();
    }

    private static VariantResult RunVariant(ExperimentVariant variant, Dataset dataset, ExperimentSettings settings,
        int epochs, ITrainingRuns runs)
    {
        var ml = new MLContext(seed: 1);
        RecurrentTextClassifierOptions classifier = settings.Classifier();
        classifier.NumberOfEpochs = epochs;
        variant.Classifier(classifier);
        RecurrentTokenizerOptions tokenizer = settings.Tokenizer();
        variant.Tokenizer?.Invoke(tokenizer);
        classifier.Progress = runs.Begin(variant.Name);

        (ITransformer model, double seconds) =
            TrainingJob.Fit(ml, dataset, classifier, tokenizer, settings.Validation, settings.ValidationFraction);
        MulticlassClassificationMetrics metrics =
            SentimentModel.Evaluate(ml, model, ml.Data.LoadFromEnumerable(dataset.Test));
        RecurrentTextClassifierTransformer trained = SentimentModel.GetClassifier(model);
        try
        {
            TrainingHistory history = trained.Model.History
                ?? throw new InvalidOperationException($"Variant '{variant.Name}': the trained model has no history.");
            runs.End(variant.Name,
                string.Create(CultureInfo.InvariantCulture,
                $"test accuracy {metrics.MicroAccuracy:F4}, {seconds:F1} s"));
            return new VariantResult(variant.Name, metrics.MicroAccuracy, metrics.MacroAccuracy, metrics.LogLoss,
                seconds,
                trained.Model.ParameterCount, trained.Model.VocabularySize, history.KeptEpoch, history.Epochs);
        }
        finally
        {
            trained.Dispose();
        }
    }
}
