using Microsoft.ML;
using Ml.Recurrent.DataView;
using static TorchSharp.torch;

namespace Ml.Recurrent.Tasks;

/// <summary>
/// What differs between binary and multiclass classification: the label column and its checks, the loss, the
/// number of logits, the output columns (at run time and as a <see cref="SchemaShape"/> before training) and the
/// kind recorded in a saved model. Everything else (model, training loop, persistence) is shared.
/// </summary>
internal abstract class ClassificationTask : IDisposable
{
    /// <summary>Label value meaning "missing"; such rows are skipped in training.</summary>
    public const int MissingLabel = -1;

    /// <summary>The kind stored in a saved model (format version 1: 0 binary, 1 multiclass).</summary>
    public abstract int Kind { get; }

    /// <summary>"binary" or "3-class", for messages.</summary>
    public abstract string Description { get; }

    /// <summary>Logits per text.</summary>
    public abstract int OutputSize { get; }

    /// <summary>Class names in label order (binary: "False", "True").</summary>
    public abstract IReadOnlyList<string> ClassNames { get; }

    /// <summary>The task a saved model's <paramref name="kind"/> names, or <c>null</c> for an unknown kind.</summary>
    public static ClassificationTask? FromKind(int kind, IReadOnlyList<string> classNames) => kind switch
    {
        BinaryTask.KindValue => new BinaryTask(),
        MulticlassTask.KindValue => new MulticlassTask(classNames),
        _ => null,
    };

    /// <summary>The task for training on <paramref name="label"/> (checked by
    /// <see cref="CheckLabel(DataViewSchema, string)"/>).</summary>
    public abstract ClassificationTask ForLabel(DataViewSchema.Column label);

    /// <summary>The label column checked for this task's label type; throws naming the column otherwise.</summary>
    public abstract DataViewSchema.Column CheckLabel(DataViewSchema schema, string name);

    /// <summary>The same check on a <see cref="SchemaShape"/>, for <c>GetOutputSchema</c> before <c>Fit</c>.</summary>
    public abstract void CheckLabel(SchemaShape schema, string name);

    /// <summary>
    /// Checks that data to validate or score against a trained model has this task's label column with the same
    /// classes in the same order; throws naming the column and the first difference.
    /// </summary>
    public abstract void CheckSameClasses(DataViewSchema.Column label, string role);

    /// <summary>Reads the label of the current row as 0-based class index, or <see cref="MissingLabel"/>.</summary>
    public abstract Func<int> MakeLabelReader(DataViewRow row, DataViewSchema.Column label);

    /// <summary>Mean loss of a batch.</summary>
    public abstract Tensor Loss(Tensor logits, int[] labels);

    /// <summary>Number of correct predictions in a batch.</summary>
    public abstract long CountCorrect(Tensor logits, int[] labels);

    /// <summary>The columns the transformer appends.</summary>
    public abstract IReadOnlyList<AppendedColumn> OutputColumns();

    /// <summary>The same columns as <see cref="SchemaShape.Column"/>s, for <c>GetOutputSchema</c>.</summary>
    public abstract IReadOnlyList<SchemaShape.Column> OutputShape();

    /// <summary>Getters for <see cref="OutputColumns"/> reading one row's logits from
    /// <paramref name="currentLogits"/>.</summary>
    public abstract Delegate?[] MakeOutputGetters(Func<ReadOnlyMemory<float>> currentLogits, bool[] active);

    public virtual void Dispose()
    {
    }

    protected static Tensor LabelTensor(int[] labels) => tensor(labels.Select(l => (long)l).ToArray());
}
