using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.DataView;
using TorchSharp;
using static TorchSharp.torch;

namespace Ml.Recurrent.Tasks;

/// <summary>
/// What differs between binary and multiclass classification: the label column, the loss, the number of
/// logits and the output columns. Everything else (model, training loop, persistence) is shared.
/// </summary>
internal abstract class ClassificationTask : IDisposable
{
    /// <summary>Label value meaning "missing"; such rows are skipped in training.</summary>
    public const int MissingLabel = -1;

    /// <summary>Logits per text.</summary>
    public abstract int OutputSize { get; }

    /// <summary>Class names in label order (binary: "False", "True").</summary>
    public abstract IReadOnlyList<string> ClassNames { get; }

    /// <summary>Reads the label of the current row as 0-based class index, or <see cref="MissingLabel"/>.</summary>
    public abstract Func<int> MakeLabelReader(DataViewRow row, DataViewSchema.Column label);

    /// <summary>Mean loss of a batch.</summary>
    public abstract Tensor Loss(Tensor logits, int[] labels);

    /// <summary>Number of correct predictions in a batch.</summary>
    public abstract long CountCorrect(Tensor logits, int[] labels);

    /// <summary>The columns the transformer appends.</summary>
    public abstract IReadOnlyList<AppendedColumn> OutputColumns();

    /// <summary>Getters for <see cref="OutputColumns"/> reading one row's logits from <paramref name="currentLogits"/>.</summary>
    public abstract Delegate?[] MakeOutputGetters(Func<ReadOnlyMemory<float>> currentLogits, bool[] active);

    public virtual void Dispose()
    {
    }

    protected static Tensor LabelTensor(int[] labels) => tensor(labels.Select(l => (long)l).ToArray());
}
