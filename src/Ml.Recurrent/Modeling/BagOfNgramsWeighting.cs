namespace Ml.Recurrent;

/// <summary>How much one occurrence of an n-gram weighs in the bag-of-n-grams path
/// (<see cref="RecurrentTextClassifierOptions.BagOfNgramsWeighting"/>). Either way the weighted sum is divided by the
/// square root of the sum of the squared weights of the text's n-grams (an L2 normalisation).</summary>
public enum BagOfNgramsWeighting
{
    /// <summary>Every occurrence weighs 1: the path sees counts (term frequencies). The layout of models saved before
    /// the weighting existed.</summary>
    Count = 0,

    /// <summary>An occurrence weighs the n-gram's smoothed inverse document frequency in the training texts,
    /// <c>ln((1 + N) / (1 + df)) + 1</c> for <c>N</c> training texts of which <c>df</c> hold the n-gram (tf-idf):
    /// words and pairs that occur in most texts weigh least. The weights are computed once from the training texts
    /// before training and saved with the model.</summary>
    InverseDocumentFrequency = 1,
}
