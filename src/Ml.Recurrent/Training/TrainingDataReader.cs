using System.Runtime.InteropServices;
using Microsoft.ML;
using Ml.Recurrent.Modeling;
using Ml.Recurrent.Scoring;
using Ml.Recurrent.Tasks;

namespace Ml.Recurrent.Training;

/// <summary>Reads token and label columns from an <see cref="IDataView"/> once into a <see cref="TokenSequenceStore"/>; rows with a missing label are counted and left out.</summary>
internal sealed class TrainingDataReader
{
    private readonly ClassificationTask _task;

    public TrainingDataReader(RecurrentModelShape shape, ClassificationTask task)
    {
        Shape = shape;
        _task = task;
    }

    public RecurrentModelShape Shape { get; }

    public (TokenSequenceStore Store, int SkippedRows) Read(IDataView data, DataViewSchema.Column tokens, DataViewSchema.Column label)
    {
        var builder = new TokenSequenceStore.Builder();
        int skipped = 0;
        using DataViewRowCursor cursor = data.GetRowCursor([tokens, label]);
        var reader = new TokenColumnReader(cursor, tokens, Shape);
        Func<int> readLabel = _task.MakeLabelReader(cursor, label);
        var row = new List<int>();
        while (cursor.MoveNext())
        {
            int value = readLabel();
            if (value == ClassificationTask.MissingLabel)
            {
                skipped++;
                continue;
            }

            reader.Read(row);
            builder.Add(CollectionsMarshal.AsSpan(row), value);
        }

        return (builder.Build(), skipped);
    }
}
