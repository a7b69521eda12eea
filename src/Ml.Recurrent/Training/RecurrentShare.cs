using Ml.Recurrent.Modeling;
using Ml.Recurrent.Sequences;
using Ml.Recurrent.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace Ml.Recurrent.Training;

/// <summary>
/// How much of the recurrent part's logits a model with the bag-of-n-grams path keeps, chosen on the validation rows:
/// the share <c>s</c> in 0, 0.05, …, 1 whose logits <c>path + s · recurrent</c> score best by the validation metric
/// (ties go to the larger share). On long documents the recurrent part reads a window of each text and can fit the
/// training rows without generalising; its share then shrinks, and at 0 the model is the path alone.
/// </summary>
internal static class RecurrentShare
{
    /// <summary>Shares tried, in steps of 1 / <see cref="Steps"/>.</summary>
    public const int Steps = 20;

    /// <summary>The chosen share and the validation loss and accuracy at share 1 and at the chosen share.</summary>
    public static RecurrentShareChoice Choose(RecurrentClassifierModule module, ClassificationTask task,
        TokenSequenceStore validation, int batchSize, bool byAccuracy, Action checkCanceled)
    {
        module.eval();
        using var scope = NewDisposeScope();
        var recurrentParts = new List<Tensor>();
        var pathParts = new List<Tensor>();
        var labels = new List<int>();
        using (no_grad())
        {
            foreach (int[] rows in LengthBucketBatcher.MakeSortedBatches(validation, batchSize,
                         module.Architecture.TokenCost))
            {
                checkCanceled();
                (Tensor tokens, Tensor lengths) = BatchCollator.Collate(validation, rows);
                (Tensor recurrent, Tensor? path) = module.ForwardParts(tokens, lengths);
                recurrentParts.Add(recurrent);
                pathParts.Add(path ?? throw new InvalidOperationException("The model has no bag-of-n-grams path."));
                labels.AddRange(rows.Select(validation.Label));
            }

            Tensor allRecurrent = cat(recurrentParts, 0), allPath = cat(pathParts, 0);
            int[] target = [.. labels];
            (double Loss, double Accuracy) At(int step)
            {
                using var stepScope = NewDisposeScope();
                using Scalar share = ((double)step / Steps).ToScalar();
                Tensor logits = allPath.add(allRecurrent, share);
                return (task.Loss(logits, target).item<float>(),
                    (double)task.CountCorrect(logits, target) / target.Length);
            }

            (double Loss, double Accuracy) full = At(Steps), best = full;
            int bestStep = Steps;
            for (int step = Steps - 1; step >= 0; step--)
            {
                (double Loss, double Accuracy) scored = At(step);
                bool better = byAccuracy ? scored.Accuracy > best.Accuracy : scored.Loss < best.Loss;
                if (!better) continue;
                best = scored;
                bestStep = step;
            }

            return new RecurrentShareChoice((double)bestStep / Steps, full.Loss, full.Accuracy, best.Loss,
                best.Accuracy);
        }
    }
}
