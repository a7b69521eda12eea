namespace Ml.Recurrent;

/// <summary>The bag-of-n-grams ("wide") path of the classifier.</summary>
public sealed partial class RecurrentTextClassifierOptions
{
    /// <summary>Default of <see cref="BagOfNgramsLength"/>: unigrams and bigrams.</summary>
    public const int DefaultBagOfNgramsLength = 2;

    /// <summary>Bucket count of the default rule of <see cref="BagOfNgramsBuckets"/> (2^18).</summary>
    public const int DefaultBagOfNgramsBuckets = 1 << 18;

    /// <summary>Most floats the default rule of <see cref="BagOfNgramsBuckets"/> lets the hashed rows hold
    /// (2^23, 32 MiB): above 32 classes the default bucket count shrinks to keep within it.</summary>
    public const int DefaultBagOfNgramsBucketFloats = 1 << 23;

    /// <summary>Default of <see cref="BagOfNgramsWeighting"/>: tf-idf.</summary>
    public const BagOfNgramsWeighting DefaultBagOfNgramsWeighting = BagOfNgramsWeighting.InverseDocumentFrequency;

    /// <summary>
    /// Longest n-gram of a linear bag-of-n-grams path trained jointly with the recurrent network, whose logits are
    /// added to the head's ("wide and deep"): 1 for unigrams, 2 for unigrams and bigrams, 3 for trigrams too; 0 for
    /// no such path. The path gives the model what a linear bag-of-words classifier knows (which words and word
    /// pairs occur, weighted by count and divided by the square root of the text's n-gram count), and the recurrent
    /// part adds word order. It reads every token the tokenizer kept (its <c>MaximumLength</c>), also where the
    /// recurrent part reads only a long text's head and tail (<see cref="MaximumRecurrentLength"/>). Default 2 (on: on
    /// long documents it carries most of the accuracy, on sentences it adds a little, and it costs little next to the
    /// recurrent part); 0 turns it off (the layout of models saved before it existed); 0 to
    /// <see cref="RecurrentArchitecture.Limits.MaximumNgramLength"/> (3).
    /// The path exports to ONNX, and explanations attribute its logits to tokens (each n-gram's term shared equally
    /// among its tokens).
    /// </summary>
    public int BagOfNgramsLength { get; set; } = DefaultBagOfNgramsLength;

    /// <summary>
    /// Hashed weight rows shared by the path's bigrams and trigrams (unigrams have a row each). More buckets mean
    /// fewer collisions and more memory: buckets × outputs floats, three times over while Adam trains them.
    /// Default <c>null</c>: 2^18 (262,144) rows, fewer for more than 32 classes so that the rows hold at most
    /// <see cref="DefaultBagOfNgramsBucketFloats"/> floats (<see cref="BucketsFor"/>); otherwise 1 to
    /// <see cref="RecurrentArchitecture.Limits.MaximumBuckets"/> (2^24).
    /// </summary>
    public int? BagOfNgramsBuckets { get; set; }

    /// <summary>
    /// How much one occurrence of an n-gram weighs in the path. Default
    /// <see cref="BagOfNgramsWeighting.InverseDocumentFrequency"/> (tf-idf): n-grams that occur in most training texts
    /// ("the", "of the") weigh least, rare ones most, as in the tf-idf features of classical linear text classifiers;
    /// the weights come from the training texts and are saved with the model. <see cref="BagOfNgramsWeighting.Count"/>
    /// weighs every occurrence 1 (the path of models saved before this option existed). No effect without the path.
    /// </summary>
    public BagOfNgramsWeighting BagOfNgramsWeighting { get; set; } = DefaultBagOfNgramsWeighting;

    /// <summary>
    /// How the path and the recurrent part share the training loss (no effect without the path; predictions are the
    /// sum of both parts' logits either way, so it does not change the saved model's layout).
    /// <see cref="BagOfNgramsTraining.Joint"/>: one loss on the sum; <see cref="BagOfNgramsTraining.Residual"/>: the
    /// path is trained as a linear classifier on its own loss and the recurrent part on what it leaves. Default
    /// <c>null</c>: residual when most training texts (the median) are longer than
    /// <see cref="MaximumRecurrentLength"/>, so that the path, the only part that reads all of such texts, is a
    /// complete classifier of its own; joint otherwise (sentences and short texts, where both parts read everything).
    /// <see cref="TrainingHistory.BagOfNgramsTraining"/> says which was used.
    /// </summary>
    public BagOfNgramsTraining? BagOfNgramsTraining { get; set; }

    /// <summary>
    /// With the path and validation rows (<see cref="ValidationData"/> or <see cref="ValidationFraction"/>): after
    /// training, scale the recurrent part's logits by the share in 0, 0.05, …, 1 that scores best on the validation
    /// rows by <see cref="ValidationMetric"/> (1 keeps the model as trained, 0 leaves the path alone), so that a
    /// recurrent part that fits the training texts without generalising does not outvote the path.
    /// <see cref="TrainingHistory.RecurrentShare"/> reports it. Default <c>true</c>; no effect without validation
    /// rows.
    /// </summary>
    public bool SelectRecurrentShare { get; set; } = true;

    /// <summary>The bucket count used for <paramref name="outputs"/> logits: <see cref="BagOfNgramsBuckets"/> if
    /// set, else 2^18, or <c>2^23 / outputs</c> when that is smaller (at least 1,024).</summary>
    public int BucketsFor(int outputs) => BagOfNgramsBuckets
        ?? Math.Max(1024, Math.Min(DefaultBagOfNgramsBuckets, DefaultBagOfNgramsBucketFloats / Math.Max(1, outputs)));
}
