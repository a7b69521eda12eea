using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.DataView;
using TorchSharp;
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
    private readonly string[] _classNames;
    private readonly CrossEntropyLoss _loss = nn.CrossEntropyLoss();

    public MulticlassTask(IReadOnlyList<string> classNames)
    {
        _classNames = classNames.ToArray();
    }

    public override int OutputSize => _classNames.Length;

    public override IReadOnlyList<string> ClassNames => _classNames;

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
        var names = new VBuffer<ReadOnlyMemory<char>>(_classNames.Length, _classNames.Select(n => n.AsMemory()).ToArray());
        var slotNames = new DataViewSchema.Annotations.Builder();
        slotNames.Add(AnnotationUtils.Kinds.SlotNames, new VectorDataViewType(TextDataViewType.Instance, _classNames.Length),
            (ref VBuffer<ReadOnlyMemory<char>> value) => names.CopyTo(ref value));
        var keyValues = new DataViewSchema.Annotations.Builder();
        keyValues.AddKeyValues(_classNames.Length, TextDataViewType.Instance, (ref VBuffer<ReadOnlyMemory<char>> value) => names.CopyTo(ref value));
        return
        [
            new AppendedColumn(ColumnNames.Score, new VectorDataViewType(NumberDataViewType.Single, _classNames.Length), slotNames.ToAnnotations()),
            new AppendedColumn(ColumnNames.PredictedLabel, new KeyDataViewType(typeof(uint), _classNames.Length), keyValues.ToAnnotations()),
        ];
    }

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

    public override void Dispose() => _loss.Dispose();

    private static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        float max = float.NegativeInfinity;
        foreach (float l in logits) max = Math.Max(max, l);
        double sum = 0;
        for (int i = 0; i < logits.Length; i++) sum += probabilities[i] = MathF.Exp(logits[i] - max);
        for (int i = 0; i < logits.Length; i++) probabilities[i] = (float)(probabilities[i] / sum);
    }
}
