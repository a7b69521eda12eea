using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Ml.Recurrent.Samples.Data;
using Ml.Recurrent.Samples.ModelBuilder;

namespace Ml.Recurrent.Samples.Training;

/// <summary>One training run on a <see cref="Dataset"/>, with validation curves from the chosen source.</summary>
public static class TrainingJob
{
    /// <summary>Share of training texts held out by <see cref="ValidationSource.Fraction"/>.</summary>
    public const float DefaultValidationFraction = 0.1f;

    /// <summary>
    /// Fits the sample pipeline (<see cref="SentimentModel"/>) on the training split. Sets the validation
    /// options on <paramref name="classifier"/> according to <paramref name="validation"/>.
    /// </summary>
    /// <returns>The fitted pipeline and the wall time of the fit in seconds.</returns>
    public static (ITransformer Model, double Seconds) Fit(MLContext ml, Dataset dataset,
        RecurrentTextClassifierOptions classifier, RecurrentTokenizerOptions tokenizer,
        ValidationSource validation, float validationFraction = DefaultValidationFraction)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(classifier);
        ValidationSource resolved = Resolve(validation, dataset);
        if (resolved == ValidationSource.Fraction) classifier.ValidationFraction = validationFraction;
        IDataView? validationView = resolved == ValidationSource.Dev ? ml.Data.LoadFromEnumerable(dataset.Validation!)
            : null;
        IDataView train = ml.Data.LoadFromEnumerable(dataset.Train);
        var clock = Stopwatch.StartNew();
        ITransformer model = SentimentModel.RetrainPipeline(ml, train, classifier, tokenizer, validationView);
        return (model, clock.Elapsed.TotalSeconds);
    }

    /// <summary>What <see cref="ValidationSource.Auto"/> means for <paramref name="dataset"/>: its dev split, else
    /// a held-out fraction.</summary>
    /// <exception cref="ArgumentException"><see cref="ValidationSource.Dev"/> without a dev split.</exception>
    public static ValidationSource Resolve(ValidationSource requested, Dataset dataset) => requested switch
    {
        ValidationSource.Auto => dataset.Validation is null ? ValidationSource.Fraction : ValidationSource.Dev,
        ValidationSource.Dev when dataset.Validation is null =>
            throw new ArgumentException($"Validation 'Dev' needs a dev split (dev.tsv or dev.csv); " +
                $"{dataset.Description} has none. Use Fraction or None."),
        _ when !Enum.IsDefined(requested) =>
            throw new ArgumentOutOfRangeException(nameof(requested), requested,
                $"Unknown validation source {requested}."),
        _ => requested,
    };

    /// <summary>A sentence saying what the validation curves are measured on and which
    /// epoch each model keeps.</summary>
    public static string Describe(ValidationSource requested, Dataset dataset,
        float validationFraction = DefaultValidationFraction, ValidationMetric metric = ValidationMetric.Loss)
    {
        string keeps = metric == ValidationMetric.Accuracy
            ? "each model keeps its epoch of highest validation accuracy"
            : "each model keeps its epoch of lowest validation loss";
        return Resolve(requested, dataset) switch
        {
            ValidationSource.Dev => $"the dataset's dev split ({dataset.Validation!.Count} texts); {keeps}",
            ValidationSource.Fraction =>
                string.Create(CultureInfo.InvariantCulture,
                    $"{validationFraction * 100:F0}% of the training texts, held out; {keeps}"),
            _ => "none (training curves only; each model keeps its last epoch)",
        };
    }
}
