using System.Runtime.InteropServices;
using Microsoft.ML;
using Ml.Recurrent.Sequences;
using Ml.Recurrent.Tasks;

namespace Ml.Recurrent.Training;

/// <summary>
/// Reads token and label columns from an <see cref="IDataView"/> once into a <see cref="TokenSequenceStore"/>;
/// rows with a missing label are counted and left out.
/// </summary>
internal sealed class TrainingDataReader
{
    private readonly ClassificationTask _task;
    private readonly int _keyCount;

    public TrainingDataReader(int keyCount, ClassificationTask task)
    {
        _keyCount = keyCount;
        _task = task;
    }

    /// <summary>Key count of the token column this reader was made for.</summary>
    public int KeyCount => _keyCount;

    public (TokenSequenceStore Store, int SkippedRows) Read(IDataView data, DataViewSchema.Column tokens,
        DataViewSchema.Column label)
    {
        var builder = new TokenSequenceStore.Builder();
        int skipped = 0;
        using DataViewRowCursor cursor = data.GetRowCursor([tokens, label]);
        var reader = new TokenColumnReader(cursor, tokens, _keyCount);
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
