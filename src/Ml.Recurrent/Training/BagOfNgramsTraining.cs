namespace Ml.Recurrent;

/// <summary>How the bag-of-n-grams path and the recurrent part learn together
/// (<see cref="RecurrentTextClassifierOptions.BagOfNgramsTraining"/>). Either way a prediction is the sum of both
/// parts' logits; only the training loss differs.</summary>
public enum BagOfNgramsTraining
{
    /// <summary>One loss on the sum of both parts' logits. Both parts share the error, so the recurrent part, which
    /// fits the training texts faster, can leave the path under-trained.</summary>
    Joint = 0,

    /// <summary>The path learns on a loss of its own logits (a linear bag-of-n-grams classifier); the recurrent part
    /// learns on the loss of the sum with the path's logits held fixed, i.e. what the path gets wrong. The sum of the
    /// two losses is minimised; the loss reported per epoch is the model's (the second).</summary>
    Residual = 1,
}
