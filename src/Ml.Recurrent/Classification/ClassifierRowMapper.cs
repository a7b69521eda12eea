using System.Runtime.InteropServices;
using Microsoft.ML;
using Ml.Recurrent.DataView;
using Ml.Recurrent.Scoring;
using Ml.Recurrent.Sequences;
using Ml.Recurrent.Tasks;

namespace Ml.Recurrent.Classification;

/// <summary>
/// Appends the classifier's output columns. Row by row (for <c>PredictionEngine</c>): the logits of the
/// current row are computed once per row position and shared by all output getters. The batched path for
/// <c>Transform</c> is <see cref="ClassifierDataView"/>, which reuses <see cref="OutputGetters"/>.
/// </summary>
internal sealed class ClassifierRowMapper : AppendColumnsMapper
{
    private readonly ClassificationTask _task;

    public ClassifierRowMapper(BatchScorer scorer, ClassificationTask task, int keyCount, DataViewSchema inputSchema,
        DataViewSchema.Column tokens)
        : base(inputSchema, [tokens], task.OutputColumns())
    {
        Scorer = scorer;
        _task = task;
        KeyCount = keyCount;
        Tokens = tokens;
    }

    /// <summary>The token column read.</summary>
    public DataViewSchema.Column Tokens { get; }

    /// <summary>Key count of the token column the model was trained on.</summary>
    public int KeyCount { get; }

    /// <summary>Scores the token rows.</summary>
    public BatchScorer Scorer { get; }

    /// <summary>The task that decides the output columns.</summary>
    public ClassificationTask Task => _task;

    /// <summary>Output getters reading the logits that <paramref name="currentLogits"/> supplies.</summary>
    public Delegate?[] OutputGetters(Func<ReadOnlyMemory<float>> currentLogits, bool[] active) =>
        _task.MakeOutputGetters(currentLogits, active);

    protected override Delegate?[] MakeGetters(DataViewRow input, bool[] activeAppended)
    {
        if (!activeAppended.Any(a => a)) return new Delegate?[activeAppended.Length];
        var reader = new TokenColumnReader(input, Tokens, KeyCount);
        var tokens = new List<int>();
        long cachedPosition = -1;
        float[] logits = [];
        ReadOnlyMemory<float> Current()
        {
            if (input.Position != cachedPosition)
            {
                reader.Read(tokens);
                var builder = new TokenSequenceStore.Builder();
                builder.Add(CollectionsMarshal.AsSpan(tokens), 0);
                logits = Scorer.Score(builder.Build());
                cachedPosition = input.Position;
            }

            return logits;
        }

        return OutputGetters(Current, activeAppended);
    }
}
