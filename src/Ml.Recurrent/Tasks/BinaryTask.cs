using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.DataView;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ml.Recurrent.Tasks;

/// <summary>
/// Binary: a <see cref="bool"/> label, one logit, logistic loss. Outputs <c>Score</c> (the logit),
/// <c>Probability</c> (its sigmoid) and a <see cref="bool"/> <c>PredictedLabel</c>, as ML.NET's binary
/// evaluator expects.
/// </summary>
internal sealed class BinaryTask : ClassificationTask
{
    private static readonly string[] Names = ["False", "True"];
    private readonly BCEWithLogitsLoss _loss = nn.BCEWithLogitsLoss();

    public override int OutputSize => 1;

    public override IReadOnlyList<string> ClassNames => Names;

    public override Func<int> MakeLabelReader(DataViewRow row, DataViewSchema.Column label)
    {
        ValueGetter<bool> getter = row.GetGetter<bool>(label);
        bool value = false;
        return () =>
        {
            getter(ref value);
            return value ? 1 : 0;
        };
    }

    public override Tensor Loss(Tensor logits, int[] labels)
    {
        using Tensor target = tensor(labels.Select(l => (float)l).ToArray());
        using Tensor flat = logits.squeeze(1);
        return _loss.call(flat, target);
    }

    public override long CountCorrect(Tensor logits, int[] labels)
    {
        using Tensor target = tensor(labels.Select(l => l == 1).ToArray());
        using Tensor predicted = logits.squeeze(1).gt(Modeling.ScalarConstants.Zero);
        using Tensor equal = predicted.eq(target);
        return equal.sum().item<long>();
    }

    public override IReadOnlyList<AppendedColumn> OutputColumns() =>
    [
        new AppendedColumn(ColumnNames.Score, NumberDataViewType.Single),
        new AppendedColumn(ColumnNames.Probability, NumberDataViewType.Single),
        new AppendedColumn(ColumnNames.PredictedLabel, BooleanDataViewType.Instance),
    ];

    public override Delegate?[] MakeOutputGetters(Func<ReadOnlyMemory<float>> currentLogits, bool[] active)
    {
        ValueGetter<float> score = (ref float value) => value = currentLogits().Span[0];
        ValueGetter<float> probability = (ref float value) => value = 1f / (1f + MathF.Exp(-currentLogits().Span[0]));
        ValueGetter<bool> predicted = (ref bool value) => value = currentLogits().Span[0] > 0;
        return [active[0] ? score : null, active[1] ? probability : null, active[2] ? predicted : null];
    }

    public override void Dispose() => _loss.Dispose();
}
