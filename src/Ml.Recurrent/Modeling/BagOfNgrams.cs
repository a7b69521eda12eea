using Ml.Recurrent.Runtime;
using Ml.Recurrent.Sequences;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ml.Recurrent.Modeling;

/// <summary>
/// The "wide" path: a linear model over the bag of n-grams of a text's tokens, whose logits are added to the
/// recurrent head's. Unigrams have one weight row per embedding row (exact); bigrams and trigrams are hashed into
/// <see cref="RecurrentArchitecture.BagOfNgramsBuckets"/> shared rows. Each occurrence counts once; the sum is divided
/// by the square root of the text's n-gram count, which keeps a long text's logits on the scale of a short one's (the
/// L2 normalisation of a bag of distinct n-grams). Weights start at zero, so an untrained path adds nothing.
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

    // Field name is a state-dict key: "bag_of_ngrams.table.weight".
    private readonly Embedding table;
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

        RegisterComponents();
    }

    /// <summary>Weight rows: one per embedding row, plus the hashed buckets for bigrams and trigrams.</summary>
    internal static long RowCount(RecurrentArchitecture architecture) =>
        TokenRows.Count(architecture.KeyCount)
        + (architecture.BagOfNgramsLength >= 2 ? architecture.BagOfNgramsBuckets : 0);

    public override Tensor forward(Tensor tokens)
    {
        (List<Tensor> ids, List<Tensor> masks) = Ngrams(tokens);
        Tensor mask = cat(masks, 1).to(ScalarType.Float32);
        Tensor summed = table.call(cat(ids, 1)).mul(mask.unsqueeze(2)).sum(1);
        return summed.div(mask.sum(1, keepdim: true).clamp_min(ScalarConstants.One).sqrt());
    }

    /// <summary>
    /// Each token's share of the logits of one text, <c>[1, time]</c> → <c>[time, outputs]</c>: an n-gram's term is
    /// split equally among its n tokens, so the rows sum to <see cref="forward"/>'s logits. The path is linear in
    /// these shares, which is how explanations attribute it.
    /// </summary>
    public Tensor TokenContributions(Tensor tokens)
    {
        (List<Tensor> ids, List<Tensor> masks) = Ngrams(tokens);
        long time = tokens.shape[1];
        Tensor scale = cat(masks, 1).to(ScalarType.Float32).sum().clamp_min(ScalarConstants.One).sqrt();
        Tensor shares = zeros(time, _outputs, dtype: ScalarType.Float32);
        for (int i = 0; i < ids.Count; i++)
        {
            int n = i + 1;
            long count = ids[i].shape[1];
            Tensor terms = table.call(ids[i][0]).mul(masks[i][0].to(ScalarType.Float32).unsqueeze(1)).div(scale)
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
            _buckets.Dispose();
            _unigramRows.Dispose();
        }

        base.Dispose(disposing);
    }
}
