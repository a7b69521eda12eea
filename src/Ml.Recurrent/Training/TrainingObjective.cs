using Ml.Recurrent.Modeling;
using Ml.Recurrent.Runtime;
using Ml.Recurrent.Sequences;
using Ml.Recurrent.Tasks;
using static TorchSharp.torch;

namespace Ml.Recurrent.Training;

/// <summary>
/// The loss one training batch minimises (<see cref="BagOfNgramsTraining"/>): for a model without the
/// bag-of-n-grams path, or with <see cref="BagOfNgramsTraining.Joint"/>, the loss of the model's logits; with
/// <see cref="BagOfNgramsTraining.Residual"/>, the path's own loss plus the loss of the sum with the path's logits
/// detached, so the path learns as a linear classifier and the recurrent part learns the rest.
/// </summary>
internal static class TrainingObjective
{
    /// <summary>
    /// <paramref name="chosen"/> if set; otherwise <see cref="BagOfNgramsTraining.Residual"/> when the median training
    /// text is longer than the recurrent part's window (<see cref="RecurrentArchitecture.MaximumRecurrentLength"/>,
    /// 0 = no window), else <see cref="BagOfNgramsTraining.Joint"/>.
    /// </summary>
    public static BagOfNgramsTraining Resolve(BagOfNgramsTraining? chosen, RecurrentArchitecture architecture,
        TokenSequenceStore train)
    {
        if (chosen is { } kind) return kind;
        int window = architecture.MaximumRecurrentLength;
        if (window <= 0 || train.Count == 0) return BagOfNgramsTraining.Joint;
        int[] lengths = Enumerable.Range(0, train.Count).Select(train.Length).Order().ToArray();
        return lengths[lengths.Length / 2] > window ? BagOfNgramsTraining.Residual : BagOfNgramsTraining.Joint;
    }

    /// <summary>The loss to differentiate, the model's logits (the sum of both parts) and the model's loss.</summary>
    public static (Tensor Minimised, Tensor Logits, Tensor ModelLoss) Compute(RecurrentClassifierModule module,
        ClassificationTask task, BagOfNgramsTraining kind, Tensor tokens, Tensor lengths, int[] labels)
    {
        (Tensor recurrent, Tensor? bag) = module.ForwardParts(tokens, lengths);
        if (bag is null)
        {
            Tensor loss = task.Loss(recurrent, labels);
            return (loss, recurrent, loss);
        }

        if (kind == BagOfNgramsTraining.Joint)
        {
            Tensor logits = recurrent.add(bag, ScalarConstants.One);
            Tensor loss = task.Loss(logits, labels);
            return (loss, logits, loss);
        }

        Tensor residual = recurrent.add(bag.detach(), ScalarConstants.One);
        Tensor modelLoss = task.Loss(residual, labels);
        Tensor minimised = task.Loss(bag, labels).add(modelLoss, ScalarConstants.One);
        return (minimised, residual, modelLoss);
    }
}
