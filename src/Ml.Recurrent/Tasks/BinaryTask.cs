using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.DataView;
using Ml.Recurrent.MlNet;
using Ml.Recurrent.Runtime;
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
    public const int KindValue = 0;

    private static readonly string[] Names = ["False", "True"];
    private BCEWithLogitsLoss? _loss;

    public override int Kind => KindValue;

    public override string Description => "binary";

    public override int OutputSize => 1;

    public override IReadOnlyList<string> ClassNames => Names;

    public override ClassificationTask ForLabel(DataViewSchema.Column label) => new BinaryTask();

    public override DataViewSchema.Column CheckLabel(DataViewSchema schema, string name)
    {
        DataViewSchema.Column column = SchemaChecks.Find(schema, name, "label");
        if (column.Type is not BooleanDataViewType) throw SchemaChecks.Mismatch(name, "Boolean", column.Type);
        return column;
    }

    public override void CheckLabel(SchemaShape schema, string name)
    {
        SchemaShape.Column label = SchemaChecks.Find(schema, name, "label");
        if (label.Kind != SchemaShape.Column.VectorKind.Scalar || label.ItemType is not BooleanDataViewType)
            throw SchemaChecks.Mismatch(name, "Boolean", SchemaChecks.Describe(label));
    }

    public override void CheckSameClasses(DataViewSchema.Column label, string role)
    {
        // A Boolean label has the same two classes everywhere; CheckLabel already checked the type.
    }

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
        _loss ??= nn.BCEWithLogitsLoss();
        return _loss.call(flat, target);
    }

    public override long CountCorrect(Tensor logits, int[] labels)
    {
        using Tensor target = tensor(labels.Select(l => l == 1).ToArray());
        using Tensor predicted = logits.squeeze(1).gt(ScalarConstants.Zero);
        using Tensor equal = predicted.eq(target);
        return equal.sum().item<long>();
    }

    public override IReadOnlyList<AppendedColumn> OutputColumns() =>
    [
        new AppendedColumn(ColumnNames.Score, NumberDataViewType.Single),
        new AppendedColumn(ColumnNames.Probability, NumberDataViewType.Single),
        new AppendedColumn(ColumnNames.PredictedLabel, BooleanDataViewType.Instance),
    ];

    public override IReadOnlyList<SchemaShape.Column> OutputShape()
    {
        const SchemaShape.Column.VectorKind scalar = SchemaShape.Column.VectorKind.Scalar;
        return
        [
            SchemaAnnotations.Column(ColumnNames.Score, scalar, NumberDataViewType.Single, false),
            SchemaAnnotations.Column(ColumnNames.Probability, scalar, NumberDataViewType.Single, false),
            SchemaAnnotations.Column(ColumnNames.PredictedLabel, scalar, BooleanDataViewType.Instance, false),
        ];
    }

    public override Delegate?[] MakeOutputGetters(Func<ReadOnlyMemory<float>> currentLogits, bool[] active)
    {
        ValueGetter<float> score = (ref float value) => value = currentLogits().Span[0];
        ValueGetter<float> probability = (ref float value) => value = 1f / (1f + MathF.Exp(-currentLogits().Span[0]));
        ValueGetter<bool> predicted = (ref bool value) => value = currentLogits().Span[0] > 0;
        return [active[0] ? score : null, active[1] ? probability : null, active[2] ? predicted : null];
    }

    public override void Dispose() => _loss?.Dispose();
}
