namespace Ml.Recurrent;

/// <summary>The bag-of-n-grams ("wide") path of the classifier.</summary>
public sealed partial class RecurrentTextClassifierOptions
{
    /// <summary>Default of <see cref="BagOfNgramsLength"/>.</summary>
    public const int DefaultBagOfNgramsLength = 0;

    /// <summary>Default of <see cref="BagOfNgramsBuckets"/> (2^18).</summary>
    public const int DefaultBagOfNgramsBuckets = 1 << 18;

    /// <summary>
    /// Longest n-gram of a linear bag-of-n-grams path trained jointly with the recurrent network, whose logits are
    /// added to the head's ("wide and deep"): 1 for unigrams, 2 for unigrams and bigrams, 3 for trigrams too; 0 for
    /// no such path. The path gives the model what a linear bag-of-words classifier knows (which words and word
    /// pairs occur, weighted by count and divided by the square root of the text's n-gram count), and the recurrent
    /// part adds word order. It reads the same tokens as the recurrent part (the tokenizer's
    /// <c>MaximumLength</c>). Default 0; 0 to <see cref="RecurrentArchitecture.Limits.MaximumNgramLength"/> (3).
    /// The path exports to ONNX, and explanations attribute its logits to tokens (each n-gram's term shared equally
    /// among its tokens).
    /// </summary>
    public int BagOfNgramsLength { get; set; } = DefaultBagOfNgramsLength;

    /// <summary>
    /// Hashed weight rows shared by the path's bigrams and trigrams (unigrams have a row each). More buckets mean
    /// fewer collisions and more memory: buckets × outputs floats, three times over while Adam trains them.
    /// Default 2^18 (262,144); 1 to <see cref="RecurrentArchitecture.Limits.MaximumBuckets"/> (2^24).
    /// </summary>
    public int BagOfNgramsBuckets { get; set; } = DefaultBagOfNgramsBuckets;
}
