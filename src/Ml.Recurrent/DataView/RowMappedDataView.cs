using Microsoft.ML.Data;
using Microsoft.ML;
using Ml.Recurrent.MlNet;

namespace Ml.Recurrent.DataView;

/// <summary>A lazy <see cref="IDataView"/>: the source's rows with the columns of an <see cref="AppendColumnsMapper"/>
/// appended, one row at a time. The classifier's batched view derives from it and reads ahead instead.</summary>
internal class RowMappedDataView : OnnxSavableDataView
{
    private readonly IDataView _source;
    private readonly AppendColumnsMapper _mapper;

    public RowMappedDataView(IDataView source, AppendColumnsMapper mapper)
    {
        _source = source;
        _mapper = mapper;
    }

    public override IDataView Source => _source;

    public override bool CanShuffle => _source.CanShuffle;

    public override DataViewSchema Schema => _mapper.OutputSchema;

    public override long? GetRowCount() => _source.GetRowCount();

    public override DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded,
        Random? rand = null)
    {
        List<DataViewSchema.Column> needed = columnsNeeded.ToList();
        DataViewRowCursor input = _source.GetRowCursor(_mapper.GetDependencies(needed), rand);
        return new Cursor(input, _mapper.GetRow(input, needed));
    }

    public override DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n,
        Random? rand = null)
        => [GetRowCursor(columnsNeeded, rand)];

    public override void SaveAsOnnx(OnnxGraph graph) => _mapper.SaveAsOnnx(graph);

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly DataViewRowCursor _input;
        private readonly DataViewRow _row;

        public Cursor(DataViewRowCursor input, DataViewRow row)
        {
            _input = input;
            _row = row;
        }

        public override DataViewSchema Schema => _row.Schema;

        public override long Position => _input.Position;

        public override long Batch => _input.Batch;

        public override bool MoveNext() => _input.MoveNext();

        public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => _row.IsColumnActive(column);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
            _row.GetGetter<TValue>(column);

        protected override void Dispose(bool disposing)
        {
            if (disposing) _row.Dispose();
            base.Dispose(disposing);
        }
    }
}
