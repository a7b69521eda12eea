using Microsoft.ML;
using Ml.Recurrent.DataView;
using Ml.Recurrent.Training;

namespace Ml.Recurrent.Scoring;

/// <summary>
/// Appends the classifier's output columns. Row by row (for <c>PredictionEngine</c>): the logits of the
/// current row are computed once per row position and shared by all output getters. The batched path for
/// <c>Transform</c> is <see cref="ClassifierDataView"/>, which reuses <see cref="OutputGetters"/>.
/// </summary>
internal sealed class ClassifierRowMapper : AppendColumnsMapper
{
    private readonly RecurrentTextClassifierTransformer _parent;

    public ClassifierRowMapper(RecurrentTextClassifierTransformer parent, DataViewSchema inputSchema, DataViewSchema.Column tokens)
        : base(inputSchema, [tokens], parent.Task.OutputColumns())
    {
        _parent = parent;
        Tokens = tokens;
    }

    public DataViewSchema.Column Tokens { get; }

    public RecurrentTextClassifierTransformer Parent => _parent;

    /// <summary>Output getters reading the logits that <paramref name="currentLogits"/> supplies.</summary>
    public Delegate?[] OutputGetters(Func<ReadOnlyMemory<float>> currentLogits, bool[] active) => _parent.Task.MakeOutputGetters(currentLogits, active);

    protected override Delegate?[] MakeGetters(DataViewRow input, bool[] activeAppended)
    {
        if (!activeAppended.Any(a => a)) return new Delegate?[activeAppended.Length];
        var reader = new TokenColumnReader(input, Tokens, _parent.Model.Shape);
        var tokens = new List<int>();
        long cachedPosition = -1;
        float[] logits = [];
        ReadOnlyMemory<float> Current()
        {
            if (input.Position != cachedPosition)
            {
                reader.Read(tokens);
                var builder = new TokenSequenceStore.Builder();
                builder.Add(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tokens), 0);
                logits = _parent.Scorer.Score(builder.Build());
                cachedPosition = input.Position;
            }

            return logits;
        }

        return OutputGetters(Current, activeAppended);
    }
}
