using Ml.Recurrent.Runtime;
using Ml.Recurrent.Sequences;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ml.Recurrent.Modeling;

/// <summary>
/// The "wide" path: a linear model over the bag of n-grams of a text's tokens, whose logits are added to the
/// recurrent head's. Unigrams have one weight row per embedding row (exact); bigrams and trigrams are hashed into
/// <see cref="RecurrentArchitecture.BagOfNgramsBuckets"/> shared rows. Each occurrence weighs 1
/// (<see cref="BagOfNgramsWeighting.Count"/>) or its row's inverse document frequency in the training texts
/// (<see cref="BagOfNgramsWeighting.InverseDocumentFrequency"/>, the buffer <c>idf</c>, set by <see cref="FitIdf"/>);
/// the weighted sum is divided by the square root of the sum of the squared weights, which keeps a long text's logits
/// on the scale of a short one's (the L2 normalisation of a bag of distinct n-grams). Weights start at zero, so an
/// untrained path adds nothing.
/// Input: token rows <c>[batch, time]</c> right-padded with row 0; output: logits <c>[batch, outputs]</c>.
/// </summary>
internal sealed class BagOfNgrams : nn.Module<Tensor, Tensor>
{
    // The hash of an n-gram: h(a) = a, h(a, b, ...) = (h(a, ...) · Multiplier + b + Offset(n)) mod Modulus, then mod
    // the bucket count. Changing any constant changes what saved weights mean: they are part of the format (and of
    // the ONNX export, Classification/BagOfNgramsOnnx.cs).
    internal const long Multiplier = 1_000_003L, Modulus = 2_147_483_647L, BigramOffset = 7_919L,
        TrigramOffset = 104_729L;

    private static readonly Scalar MultiplierScalar = Multiplier.ToScalar();
    private static readonly Scalar ModulusScalar = Modulus.ToScalar();
    private static readonly Scalar BigramOffsetScalar = BigramOffset.ToScalar();
    private static readonly Scalar TrigramOffsetScalar = TrigramOffset.ToScalar();

    // Field names are state-dict keys: "bag_of_ngrams.table.weight", and with inverse-document-frequency weighting
    // "bag_of_ngrams.idf" (a buffer: saved and loaded with the weights, never trained). Null for count weighting,
    // which TorchSharp then does not register, so such models keep the layout saved before the weighting existed.
    private readonly Embedding table;
    private readonly Tensor? idf;
    private readonly int _ngramLength;
    private readonly int _outputs;
    private readonly Scalar _buckets;
    private readonly Scalar _unigramRows;

    public BagOfNgrams(RecurrentArchitecture architecture)
        : base(nameof(BagOfNgrams))
    {
        _ngramLength = architecture.BagOfNgramsLength;
        int unigramRows = TokenRows.Count(architecture.KeyCount);
        _unigramRows = ((long)unigramRows).ToScalar();
        _buckets = ((long)architecture.BagOfNgramsBuckets).ToScalar();
        _outputs = architecture.OutputSize;
        table = nn.Embedding(RowCount(architecture), architecture.OutputSize);
        // TorchSharp's `weight` getter and an in-place op each return a new handle onto the same storage: disposed
        // here, not left to the finalizer (which made tensor counts depend on when the GC ran).
        using (no_grad())
        {
            using Tensor weight = table.weight!;
            weight.zero_().Dispose();
        }

        if (architecture.BagOfNgramsWeighting == BagOfNgramsWeighting.InverseDocumentFrequency)
            idf = ones(RowCount(architecture), dtype: ScalarType.Float32);
        RegisterComponents();
    }

    /// <summary>Weight rows: one per embedding row, plus the hashed buckets for bigrams and trigrams.</summary>
    internal static long RowCount(RecurrentArchitecture architecture) =>
        TokenRows.Count(architecture.KeyCount)
        + (architecture.BagOfNgramsLength >= 2 ? architecture.BagOfNgramsBuckets : 0);

    public override Tensor forward(Tensor tokens)
    {
        (List<Tensor> ids, List<Tensor> masks) = Ngrams(tokens);
        Tensor all = cat(ids, 1);
        Tensor weights = Weights(all, cat(masks, 1));
        Tensor summed = table.call(all).mul(weights.unsqueeze(2)).sum(1);
        return summed.div(Norm(weights, dimension: 1));
    }

    /// <summary>
    /// Sets the inverse document frequencies from the training texts: for each weight row, <c>ln((1 + N) / (1 + df))
    /// + 1</c>, where <c>df</c> of the <c>N</c> texts hold one of its n-grams (rows of colliding bigrams share a
    /// count, as they share a weight). Rows no training text holds get the largest value. No effect with count
    /// weighting.
    /// </summary>
    public void FitIdf(TokenSequenceStore texts)
    {
        if (idf is null) return;
        using var grad = no_grad();
        using var scope = NewDisposeScope();
        long rows = idf.shape[0];
        using Scalar rowCount = rows.ToScalar();
        Tensor documentFrequency = zeros(rows, dtype: ScalarType.Float32);
        const int chunk = 256;
        for (int start = 0; start < texts.Count; start += chunk)
        {
            using var chunkScope = NewDisposeScope();
            int[] chunkRows = Enumerable.Range(start, Math.Min(chunk, texts.Count - start)).ToArray();
            (Tensor tokens, _) = BatchCollator.Collate(texts, chunkRows);
            (List<Tensor> ids, List<Tensor> masks) = Ngrams(tokens);
            // One key per (text, row) pair, so that unique counts each row once per text.
            Tensor text = HeldRange.Of(chunkRows.Length, tokens.device).unsqueeze(1).mul(rowCount);
            Tensor keys = cat(ids, 1).add(text, ScalarConstants.One).masked_select(cat(masks, 1));
            Tensor present = keys.unique().Item1.remainder(rowCount);
            documentFrequency.index_add_(0, present, ones(present.shape[0], dtype: ScalarType.Float32),
                ScalarConstants.One);
        }

        using Scalar one = 1.ToScalar(), texts1 = (texts.Count + 1.0).ToScalar();
        idf.copy_(documentFrequency.add(one, one).reciprocal().mul(texts1).log().add(one, one));
    }

    /// <summary>The weight of each n-gram occurrence, zero where <paramref name="valid"/> is false.</summary>
    private Tensor Weights(Tensor ids, Tensor valid)
    {
        Tensor mask = valid.to(ScalarType.Float32);
        return idf is null ? mask : mask.mul(idf.index_select(0, ids.flatten()).view_as(ids));
    }

    /// <summary>The square root of the summed squared weights (at least 1), along <paramref name="dimension"/>. With
    /// count weighting the squares are the weights themselves, as in models saved before the weighting existed.
    /// (<c>mul</c>, not TorchSharp's <c>square</c>, which calls <c>pow</c> with a temporary Scalar.)</summary>
    private Tensor Norm(Tensor weights, long dimension) =>
        (idf is null ? weights : weights.mul(weights)).sum(dimension, keepdim: true).clamp_min(ScalarConstants.One)
        .sqrt();

    /// <summary>
    /// Each token's share of the logits of one text, <c>[1, time]</c> → <c>[time, outputs]</c>: an n-gram's term is
    /// split equally among its n tokens, so the rows sum to <see cref="forward"/>'s logits. The path is linear in
    /// these shares, which is how explanations attribute it.
    /// </summary>
    public Tensor TokenContributions(Tensor tokens)
    {
        (List<Tensor> ids, List<Tensor> masks) = Ngrams(tokens);
        long time = tokens.shape[1];
        Tensor scale = Norm(Weights(cat(ids, 1), cat(masks, 1)), dimension: 1)[0];
        Tensor shares = zeros(time, _outputs, dtype: ScalarType.Float32);
        for (int i = 0; i < ids.Count; i++)
        {
            int n = i + 1;
            long count = ids[i].shape[1];
            Tensor terms = table.call(ids[i][0]).mul(Weights(ids[i][0], masks[i][0]).unsqueeze(1)).div(scale)
                .div(n);
            for (int k = 0; k < n; k++) shares.narrow(0, k, count).add_(terms, ScalarConstants.One);
        }

        return shares;
    }

    /// <summary>Weight rows of the 1..n-grams starting at each position, and whether each n-gram is real (all its
    /// tokens are), per n: <c>[batch, time − n + 1]</c> each.</summary>
    private (List<Tensor> Ids, List<Tensor> Masks) Ngrams(Tensor tokens)
    {
        Tensor valid = tokens.ne(ScalarConstants.Zero);
        var rows = new List<Tensor> { tokens };
        var masks = new List<Tensor> { valid };
        Tensor hash = tokens;
        // add(x) alone passes alpha as a temporary Scalar (add(x, 1)) that the finalizer can free during the native
        // call; a held one cannot (ScalarConstants). Seen: "argument alpha must not be a floating point number" at 32
        // concurrent requests.
        long time = tokens.shape[1];
        for (int n = 2; n <= _ngramLength && n <= time; n++)
        {
            Scalar offset = n == 2 ? BigramOffsetScalar : TrigramOffsetScalar;
            // hash covers n − 1 tokens starting at each position; extend it by the token n − 1 places on.
            Tensor next = tokens.narrow(1, n - 1, time - n + 1);
            hash = hash.narrow(1, 0, time - n + 1).mul(MultiplierScalar).add(next, ScalarConstants.One)
                .add(offset, ScalarConstants.One).remainder(ModulusScalar);
            rows.Add(hash.remainder(_buckets).add(_unigramRows, ScalarConstants.One));
            masks.Add(valid.narrow(1, n - 1, time - n + 1));
        }

        return (rows, masks);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            table.Dispose();
            idf?.Dispose();
            _buckets.Dispose();
            _unigramRows.Dispose();
        }

        base.Dispose(disposing);
    }
}
