using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.DataView;
using Ml.Recurrent.MlNet;
using Ml.Recurrent.Runtime;
using Ml.Recurrent.Sequences;

namespace Ml.Recurrent.Classification;

/// <summary>
/// The output of <see cref="RecurrentTextClassifierTransformer.Transform"/>: input rows plus the classifier's
/// columns, scored in batches. A second cursor over the input reads the token column ahead, up to
/// <see cref="RowsPerFill"/> rows at a time, and scores them in one go; the main cursor passes the other
/// columns through. Both cursors see the same row order (a shuffling request gets the same seed twice).
/// </summary>
internal sealed class ClassifierDataView : RowMappedDataView
{
    /// <summary>Rows read ahead and scored together.</summary>
    public const int RowsPerFill = 1024;

    private readonly ClassifierRowMapper _mapper;

    public ClassifierDataView(IDataView source, ClassifierRowMapper mapper)
        : base(source, mapper)
    {
        _mapper = mapper;
    }

    public override DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded,
        Random? rand = null)
    {
        List<DataViewSchema.Column> needed = columnsNeeded.ToList();
        bool[] active = _mapper.ActiveAppended(needed);
        int? seed = rand?.Next();
        var passThrough =
            needed.Where(c => c.Index < _mapper.InputSchema.Count).Select(c => Source.Schema[c.Index]).ToList();
        DataViewRowCursor main = Source.GetRowCursor(passThrough, seed is { } s1 ? new Random(s1) : null);
        if (!active.Any(a => a)) return new Cursor(main, null, null, _mapper, active);
        DataViewRowCursor ahead =
            Source.GetRowCursor([Source.Schema[_mapper.Tokens.Index]], seed is { } s2 ? new Random(s2) : null);
        var reader = new TokenColumnReader(ahead, Source.Schema[_mapper.Tokens.Index], _mapper.KeyCount);
        return new Cursor(main, ahead, reader, _mapper, active);
    }

    public override void SaveAsOnnx(OnnxGraph graph) =>
        ClassifierOnnxExporter.Save(graph, _mapper.Scorer, _mapper.Task, _mapper.Tokens.Name);

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly DataViewRowCursor _main;
        private readonly DataViewRowCursor? _ahead;
        private readonly TokenColumnReader? _reader;
        private readonly ClassifierRowMapper _mapper;
        private readonly DataViewRow _row;
        private readonly List<int> _tokens = [];
        private float[] _logits = [];
        private int _filled;
        private int _index = -1;

        public Cursor(DataViewRowCursor main, DataViewRowCursor? ahead, TokenColumnReader? reader,
            ClassifierRowMapper mapper,
            bool[] active)
        {
            _main = main;
            _ahead = ahead;
            _reader = reader;
            _mapper = mapper;
            _row = mapper.WrapRow(main, active, mapper.OutputGetters(Current, active));
        }

        public override DataViewSchema Schema => _mapper.OutputSchema;

        public override long Position => _main.Position;

        public override long Batch => _main.Batch;

        public override ValueGetter<DataViewRowId> GetIdGetter() => _main.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => _row.IsColumnActive(column);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
            _row.GetGetter<TValue>(column);

        public override bool MoveNext()
        {
            if (!_main.MoveNext()) return false;
            if (_ahead is null) return true;
            if (++_index >= _filled) Fill();
            if (_index >= _filled)
                throw new InvalidOperationException("The input data returned fewer rows to a second cursor than to " +
                    "the first; Transform needs a data view that repeats its rows.");
            return true;
        }

        private ReadOnlyMemory<float> Current()
        {
            int width = _mapper.Scorer.OutputSize;
            return _logits.AsMemory(_index * width, width);
        }

        private void Fill()
        {
            var builder = new TokenSequenceStore.Builder();
            while (builder.Rows < RowsPerFill && _ahead!.MoveNext())
            {
                _reader!.Read(_tokens);
                builder.Add(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_tokens), 0);
            }

            _logits = builder.Rows == 0 ? [] : _mapper.Scorer.Score(builder.Build());
            _filled = builder.Rows;
            _index = 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _row.Dispose();
                _ahead?.Dispose();

                // glibc keeps the blocks libtorch freed while scoring; without this, resident memory grows by tens of
                // MiB over repeated passes before it levels off (docs/reliability.md).
                if (_ahead is not null) NativeMemory.Trim();
            }

            base.Dispose(disposing);
        }
    }
}
