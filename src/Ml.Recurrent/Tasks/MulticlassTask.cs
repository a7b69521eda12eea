using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.DataView;
using Ml.Recurrent.MlNet;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ml.Recurrent.Tasks;

/// <summary>
/// Multiclass: a key-typed label with <c>n</c> values, <c>n</c> logits, cross-entropy loss. Outputs a
/// <c>Score</c> vector of class probabilities (slot names = class names) and a key-typed <c>PredictedLabel</c>
/// whose key values are the class names.
/// </summary>
internal sealed class MulticlassTask : ClassificationTask
{
    public const int KindValue = 1;

    private const string KeyRule = "a UInt32 key (use MapValueToKey on the label first)";

    private readonly string[] _classNames;
    private CrossEntropyLoss? _loss;

    public MulticlassTask(IReadOnlyList<string> classNames)
    {
        _classNames = classNames.ToArray();
    }

    public override int Kind => KindValue;

    public override string Description => $"{_classNames.Length}-class";

    public override int OutputSize => _classNames.Length;

    public override IReadOnlyList<string> ClassNames => _classNames;

    /// <summary>The task for a checked label column: its key values are the class names (or
    /// "1".."n" without any).</summary>
    public override ClassificationTask ForLabel(DataViewSchema.Column label)
    {
        int count = (int)((KeyDataViewType)label.Type).Count;
        return new MulticlassTask(SchemaChecks.KeyValuesOf(label)
            ?? Enumerable.Range(1, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .ToList());
    }

    public override DataViewSchema.Column CheckLabel(DataViewSchema schema, string name)
    {
        DataViewSchema.Column column = SchemaChecks.Find(schema, name, "label");
        if (column.Type is not KeyDataViewType key || key.RawType != typeof(uint))
            throw SchemaChecks.Mismatch(name, KeyRule, column.Type);
        if (key.Count < 2)
        {
            string only = SchemaChecks.KeyValuesOf(column) is [var single] ? $" ('{SchemaChecks.Show(single)}')"
                : string.Empty;
            throw new ArgumentOutOfRangeException(nameof(schema), name,
                $"Label column '{name}' has {key.Count} class{only}; a classifier needs at least 2.");
        }

        return column;
    }

    public override void CheckLabel(SchemaShape schema, string name)
    {
        SchemaShape.Column label = SchemaChecks.Find(schema, name, "label");
        if (label.Kind != SchemaShape.Column.VectorKind.Scalar || !label.IsKey
            || label.ItemType != NumberDataViewType.UInt32)
            throw SchemaChecks.Mismatch(name, KeyRule,
                label.IsKey ? $"key of {label.ItemType}" : SchemaChecks.Describe(label));
    }

    public override void CheckSameClasses(DataViewSchema.Column label, string role)
    {
        ulong count = ((KeyDataViewType)label.Type).Count;
        if (count != (ulong)_classNames.Length)
            throw new ArgumentOutOfRangeException(role, label.Name,
                $"{role}: label column '{label.Name}' has {count} classes, but the model is trained on " +
                $"{_classNames.Length} ({Classes(_classNames)}): map its labels with the same " +
                "MapValueToKey transformer as the training data.");
        if (SchemaChecks.KeyValuesOf(label) is not { } names) return;
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == _classNames[i]) continue;
            throw new ArgumentOutOfRangeException(role, label.Name,
                $"{role}: label column '{label.Name}' maps key {i + 1} to '{SchemaChecks.Show(names[i])}', but the " +
                $"training data maps it to '{SchemaChecks.Show(_classNames[i])}': " +
                "map its labels with the same MapValueToKey transformer as the training data.");
        }
    }

    public override Func<int> MakeLabelReader(DataViewRow row, DataViewSchema.Column label)
    {
        ValueGetter<uint> getter = row.GetGetter<uint>(label);
        uint value = 0;
        int count = _classNames.Length;
        return () =>
        {
            getter(ref value);
            return value == 0 || value > count ? MissingLabel : (int)value - 1;
        };
    }

    public override Tensor Loss(Tensor logits, int[] labels)
    {
        using Tensor target = LabelTensor(labels);
        _loss ??= nn.CrossEntropyLoss();
        return _loss.call(logits, target);
    }

    public override long CountCorrect(Tensor logits, int[] labels)
    {
        using Tensor target = LabelTensor(labels);
        using Tensor predicted = logits.argmax(1);
        using Tensor equal = predicted.eq(target);
        return equal.sum().item<long>();
    }

    public override IReadOnlyList<AppendedColumn> OutputColumns()
    {
        int n = _classNames.Length;
        var names = new VBuffer<ReadOnlyMemory<char>>(n, _classNames.Select(c => c.AsMemory()).ToArray());
        var slotNames = new DataViewSchema.Annotations.Builder();
        SchemaAnnotations.AddSlotNames(slotNames, n,
            (ref VBuffer<ReadOnlyMemory<char>> value) => names.CopyTo(ref value));
        var keyValues = new DataViewSchema.Annotations.Builder();
        SchemaAnnotations.AddKeyValues(keyValues, n,
            (ref VBuffer<ReadOnlyMemory<char>> value) => names.CopyTo(ref value));
        return
        [
            new AppendedColumn(ColumnNames.Score, new VectorDataViewType(NumberDataViewType.Single, n),
                slotNames.ToAnnotations()),
            new AppendedColumn(ColumnNames.PredictedLabel, new KeyDataViewType(typeof(uint), n),
                keyValues.ToAnnotations()),
        ];
    }

    public override IReadOnlyList<SchemaShape.Column> OutputShape() =>
    [
        SchemaAnnotations.Column(ColumnNames.Score, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single,
            false,
            SchemaAnnotations.TextVectorAnnotation(SchemaAnnotations.SlotNamesKind)),
        SchemaAnnotations.Column(ColumnNames.PredictedLabel, SchemaShape.Column.VectorKind.Scalar,
            NumberDataViewType.UInt32, true,
            SchemaAnnotations.TextVectorAnnotation(SchemaAnnotations.KeyValuesKind)),
    ];

    public override Delegate?[] MakeOutputGetters(Func<ReadOnlyMemory<float>> currentLogits, bool[] active)
    {
        int n = _classNames.Length;
        var probabilities = new float[n];
        ValueGetter<VBuffer<float>> score = (ref VBuffer<float> value) =>
        {
            Softmax(currentLogits().Span, probabilities);
            var editor = VBufferEditor.Create(ref value, n);
            probabilities.AsSpan().CopyTo(editor.Values);
            value = editor.Commit();
        };
        ValueGetter<uint> predicted = (ref uint value) =>
        {
            ReadOnlySpan<float> logits = currentLogits().Span;
            int best = 0;
            for (int i = 1; i < logits.Length; i++) if (logits[i] > logits[best]) best = i;
            value = (uint)best + 1;
        };
        return [active[0] ? score : null, active[1] ? predicted : null];
    }

    public override void Dispose() => _loss?.Dispose();

    private static string Classes(IReadOnlyList<string> names) =>
        string.Join(", ", names.Take(5).Select(n => $"'{SchemaChecks.Show(n)}'")) +
            (names.Count > 5 ? ", ..." : string.Empty);

    private static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        float max = float.NegativeInfinity;
        foreach (float l in logits) max = Math.Max(max, l);
        double sum = 0;
        for (int i = 0; i < logits.Length; i++) sum += probabilities[i] = MathF.Exp(logits[i] - max);
        for (int i = 0; i < logits.Length; i++) probabilities[i] = (float)(probabilities[i] / sum);
    }
}
