using Microsoft.ML;
using Ml.Recurrent.Sequences;
using Ml.Recurrent.Training;

namespace Ml.Recurrent.Benchmarks.Micro;

/// <summary>
/// The fixed input of the micro-benchmarks: the first <see cref="TextCount"/> texts of
/// <c>sst2_sentence/train.tsv</c> under the data root (<c>--data-root</c> of the <c>micro</c> command, or the
/// <c>ML_RECURRENT_DATA_ROOT</c> environment variable; default <c>../shared/data</c>, relative to the working
/// directory, which should be the repository root). Everything here runs in <c>[GlobalSetup]</c>, never timed.
/// </summary>
internal static class MicroData
{
    /// <summary>Environment variable naming the data root (the folder holding <c>sst2_sentence/</c>).</summary>
    public const string DataRootVariable = "ML_RECURRENT_DATA_ROOT";

    /// <summary>Texts per benchmark invocation: the size of the SST-2 sentence training set (cycled if a file is shorter).</summary>
    public const int TextCount = 6920;

    /// <summary>Batch size of the length-bucketed batches, as in the trainer's default.</summary>
    public const int BatchSize = 64;

    /// <summary>Full path of the training file; throws <see cref="FileNotFoundException"/> naming it when it is missing.</summary>
    public static string TrainPath()
    {
        string root = Environment.GetEnvironmentVariable(DataRootVariable) is { Length: > 0 } r ? r : "../shared/data";
        string path = Path.GetFullPath(Path.Combine(root, "sst2_sentence", "train.tsv"));
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"The micro benchmarks need {path} (Label<TAB>Text with a header line). Run from the repository root, " +
                $"or pass --data-root DIR or set {DataRootVariable}=DIR to the folder that holds sst2_sentence/.", path);
        return path;
    }

    /// <summary>Exactly <see cref="TextCount"/> rows of the training file, in file order.</summary>
    public static List<Dataset.Row> Rows()
    {
        List<Dataset.Row> all = Dataset.Read(TrainPath());
        if (all.Count == 0) throw new InvalidDataException($"{TrainPath()} holds no rows.");
        return Enumerable.Range(0, TextCount).Select(i => all[i % all.Count]).ToList();
    }

    /// <summary>The tokenizer with default options fitted on <paramref name="input"/>.</summary>
    public static RecurrentTokenizerTransformer FitTokenizer(MLContext ml, IDataView input) =>
        ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", new RecurrentTokenizerOptions()).Fit(input);

    /// <summary>
    /// The token store the trainer would build: keys as embedding rows, an empty text as one missing-key
    /// token, labels as indices of the sorted distinct label strings.
    /// </summary>
    public static TokenSequenceStore BuildStore(RecurrentTokenizerTransformer tokenizer, IReadOnlyList<Dataset.Row> rows)
        => TokenStoreBuilder.Build(tokenizer, rows, TokenStoreBuilder.Labels(rows));
}
