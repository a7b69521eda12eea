// The shape ML.NET Model Builder generates for training (<Name>.training.cs): Train, SaveModel,
// RetrainPipeline and BuildPipeline. The hyper-parameters below are Ml.Recurrent's defaults.
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Recurrent.Samples.ModelBuilder;

/// <summary>A recurrent text classifier packaged the way Model Builder packages models: training part.</summary>
public partial class SentimentModel
{
    /// <summary>The training file <see cref="Train"/> reads by default (a ../shared/data file).</summary>
    public const string RetrainFilePath = @"../shared/data/sst2_sentence/train.tsv";

    /// <summary>Separator of <see cref="RetrainFilePath"/>.</summary>
    public const char RetrainSeparatorChar = '\t';

    /// <summary>Whether <see cref="RetrainFilePath"/> has a header line.</summary>
    public const bool RetrainHasHeader = true;

    /// <summary>Whether quoting is honoured; off, so that quotes inside texts survive.</summary>
    public const bool RetrainAllowQuoting = false;

    /// <summary>Trains a model on a TSV/CSV file and saves it to <paramref name="outputModelPath"/>.</summary>
    public static void Train(string outputModelPath, string inputDataFilePath = RetrainFilePath,
        char separatorChar = RetrainSeparatorChar, bool hasHeader = RetrainHasHeader, bool allowQuoting =
        RetrainAllowQuoting)
    {
        var mlContext = new MLContext(seed: 1);
        var data = LoadIDataViewFromFile(mlContext, inputDataFilePath, separatorChar, hasHeader, allowQuoting);
        var model = RetrainPipeline(mlContext, data);
        SaveModel(mlContext, model, data, outputModelPath);
    }

    /// <summary>Loads a <c>Label&lt;separator&gt;Text</c> file with ML.NET's text loader.</summary>
    public static IDataView LoadIDataViewFromFile(MLContext mlContext, string inputDataFilePath, char separatorChar,
        bool hasHeader, bool allowQuoting)
    {
        if (!File.Exists(inputDataFilePath)) throw new FileNotFoundException($"Training file '{inputDataFilePath}' " +
            $"does not exist.", inputDataFilePath);
        return mlContext.Data.LoadFromTextFile<ModelInput>(inputDataFilePath, separatorChar, hasHeader,
            allowQuoting: allowQuoting);
    }

    /// <summary>Saves <paramref name="model"/> with the schema of <paramref name="data"/>.</summary>
    public static void SaveModel(MLContext mlContext, ITransformer model, IDataView data, string modelSavePath)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(modelSavePath));
        if (folder is not null) Directory.CreateDirectory(folder);
        DataViewSchema dataViewSchema = data.Schema;
        using var fs = File.Create(modelSavePath);
        mlContext.Model.Save(model, dataViewSchema, fs);
    }

    /// <summary>
    /// Retrains with explicit options. With <paramref name="validationData"/> (raw Label/Text rows) the label
    /// mapping and tokenizer are fitted on <paramref name="trainData"/> first, the validation rows are passed
    /// through them, and the classifier validates on them after every epoch (this sets
    /// <see cref="RecurrentTextClassifierOptions.ValidationData"/> on <paramref name="classifier"/>).
    /// </summary>
    public static ITransformer RetrainPipeline(MLContext mlContext, IDataView trainData,
        RecurrentTextClassifierOptions classifier, RecurrentTokenizerOptions tokenizer, IDataView? validationData =
        null)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        if (validationData is null) return BuildPipeline(mlContext, classifier, tokenizer).Fit(trainData);

        ITransformer preprocess = BuildPreprocessing(mlContext, tokenizer).Fit(trainData);
        IDataView preparedTrain = preprocess.Transform(trainData);
        classifier.ValidationData = preprocess.Transform(validationData);
        classifier.ValidationFraction = 0;
        var trainer = mlContext.MulticlassClassification.Trainers.RecurrentTextClassifier(classifier)
            .Append(mlContext.Transforms.Conversion.MapKeyToValue(@"PredictedLabel", @"PredictedLabel"));
        IEnumerable<ITransformer> parts = ((IEnumerable<ITransformer>)preprocess).Concat(trainer.Fit(preparedTrain));
        return new TransformerChain<ITransformer>([.. parts], [.. parts.Select(_ => TransformerScope.Everything)]);
    }

    /// <summary>Retrains model using the pipeline generated as part of the training process.</summary>
    public static ITransformer RetrainPipeline(MLContext mlContext, IDataView trainData)
    {
        var pipeline = BuildPipeline(mlContext);
        var model = pipeline.Fit(trainData);

        return model;
    }

    /// <summary>Build the pipeline that is used from model builder. Use this function to retrain model.</summary>
    public static IEstimator<ITransformer> BuildPipeline(MLContext mlContext) =>
        BuildPipeline(mlContext, new RecurrentTextClassifierOptions { Seed = 1 }, new RecurrentTokenizerOptions());

    /// <summary>The same pipeline with explicit classifier and tokenizer options.</summary>
    public static IEstimator<ITransformer> BuildPipeline(MLContext mlContext, RecurrentTextClassifierOptions classifier,
        RecurrentTokenizerOptions tokenizer)
    {
        // Data process configuration with pipeline data transformations
        var pipeline = BuildPreprocessing(mlContext, tokenizer)
                                .Append(mlContext.MulticlassClassification.Trainers.RecurrentTextClassifier(classifier))
                                .Append(mlContext.Transforms.Conversion.MapKeyToValue(
                                    outputColumnName: @"PredictedLabel", inputColumnName: @"PredictedLabel"));

        return pipeline;
    }

    private static EstimatorChain<RecurrentTokenizerTransformer> BuildPreprocessing(MLContext mlContext,
        RecurrentTokenizerOptions tokenizer) =>
        mlContext.Transforms.Conversion.MapValueToKey(outputColumnName: @"Label", inputColumnName: @"Label")
            .Append(mlContext.Transforms.Text.TokenizeForRecurrent(outputColumnName: @"Tokens",
                inputColumnName: @"Text", tokenizer));
}
