using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.MlNet;

namespace Ml.Recurrent.DataView;

/// <summary>
/// A row-to-row mapper that passes its input through and appends computed columns. Built on ML.NET's
/// public DataView API only. Subclasses supply the getters of the appended columns.
/// </summary>
internal abstract class AppendColumnsMapper : IRowToRowMapper
{
    private readonly int[] _dependencies;

    /// <param name="inputSchema">The schema of the rows to map.</param>
    /// <param name="dependencies">Input columns that every appended column is computed from.</param>
    /// <param name="appended">The appended columns.</param>
    protected AppendColumnsMapper(DataViewSchema inputSchema, IReadOnlyList<DataViewSchema.Column> dependencies,
        IReadOnlyList<AppendedColumn> appended)
    {
        InputSchema = inputSchema;
        _dependencies = dependencies.Select(c => c.Index).ToArray();
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema);
        foreach (AppendedColumn column in appended) builder.AddColumn(column.Name, column.Type, column.Annotations);
        OutputSchema = builder.ToSchema();
    }

    public DataViewSchema InputSchema { get; }

    public DataViewSchema OutputSchema { get; }

    /// <summary>Number of input columns; appended column <c>i</c> has output index <c>InputCount + i</c>.</summary>
    protected int InputCount => InputSchema.Count;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
    {
        var needed = new SortedSet<int>();
        foreach (DataViewSchema.Column column in dependingColumns)
        {
            if (column.Index < InputCount) needed.Add(column.Index);
            else needed.UnionWith(_dependencies);
        }

        return needed.Select(i => InputSchema[i]).ToList();
    }

    /// <summary>
    /// Writes the appended columns as ONNX nodes (ML.NET's <c>ConvertToOnnx</c>). Mappers without an exact export
    /// throw <see cref="NotSupportedException"/>, so an export is never a silent pass-through.
    /// </summary>
    public virtual void SaveAsOnnx(OnnxGraph graph) =>
        throw new NotSupportedException($"{GetType().Name} cannot be exported to ONNX: it has no ONNX exporter.");

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        bool[] active = ActiveAppended(activeColumns);
        return new MappedRow(this, input, active, MakeGetters(input, active));
    }

    /// <summary>Which appended columns are among <paramref name="columns"/>.</summary>
    internal bool[] ActiveAppended(IEnumerable<DataViewSchema.Column> columns)
    {
        var active = new bool[OutputSchema.Count - InputCount];
        foreach (DataViewSchema.Column column in columns)
        {
            if (column.Index >= InputCount) active[column.Index - InputCount] = true;
        }

        return active;
    }

    /// <summary>Getters of the appended columns (index 0 = first appended column; null where inactive), made
    /// once per row object.</summary>
    protected abstract Delegate?[] MakeGetters(DataViewRow input, bool[] activeAppended);

    /// <summary>A row of the output schema whose appended getters are <paramref name="getters"/>.</summary>
    internal DataViewRow WrapRow(DataViewRow input, bool[] active, Delegate?[] getters) =>
        new MappedRow(this, input, active, getters);

    private sealed class MappedRow : DataViewRow
    {
        private readonly AppendColumnsMapper _mapper;
        private readonly DataViewRow _input;
        private readonly bool[] _active;
        private readonly Delegate?[] _getters;

        public MappedRow(AppendColumnsMapper mapper, DataViewRow input, bool[] active, Delegate?[] getters)
        {
            _mapper = mapper;
            _input = input;
            _active = active;
            _getters = getters;
        }

        public override DataViewSchema Schema => _mapper.OutputSchema;

        public override long Position => _input.Position;

        public override long Batch => _input.Batch;

        public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) =>
            column.Index < _mapper.InputCount ? _input.IsColumnActive(_input.Schema[column.Index])
                : _active[column.Index - _mapper.InputCount];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index < _mapper.InputCount) return _input.GetGetter<TValue>(_input.Schema[column.Index]);
            Delegate? getter = _getters[column.Index - _mapper.InputCount];
            if (getter is null)
                throw new InvalidOperationException($"Column '{column.Name}' was not requested as active when the " +
                    $"cursor was made.");
            return getter as ValueGetter<TValue> ?? throw new InvalidOperationException(
                $"Column '{column.Name}' holds {column.Type}; it cannot be read as {typeof(TValue).Name}.");
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _input.Dispose();
            base.Dispose(disposing);
        }
    }
}
