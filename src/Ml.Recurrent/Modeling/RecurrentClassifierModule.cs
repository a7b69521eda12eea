using Ml.Recurrent.Runtime;
using Ml.Recurrent.Sequences;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ml.Recurrent.Modeling;

/// <summary>
/// Embedding → dropout → recurrent encoder → pooling over real positions → head. Input: token rows
/// <c>[batch, time]</c> (int64 embedding rows, right-padded with 0) and real lengths <c>[batch]</c> (int64, ≥ 1).
/// Output: logits <c>[batch, outputs]</c>. The recurrent part reads at most
/// <see cref="RecurrentArchitecture.MaximumRecurrentLength"/> tokens of a text, its head and tail
/// (<see cref="RecurrentWindow"/>). With <see cref="RecurrentArchitecture.BagOfNgramsLength"/> above 0, the logits of a
/// linear bag-of-n-grams path (<see cref="BagOfNgrams"/>) over every token are added.
/// </summary>
internal sealed class RecurrentClassifierModule : nn.Module<Tensor, Tensor, Tensor>
{
    // Field names are state-dict keys; a test freezes them.
    private readonly Embedding embedding;
    private readonly Dropout embedding_dropout;
    private readonly RecurrentEncoder encoder;
    private readonly SequencePooler pooling;
    private readonly ClassificationHead head;
    private readonly BagOfNgrams? bag_of_ngrams;
    private readonly RecurrentWindow _window;

    public RecurrentClassifierModule(RecurrentArchitecture architecture)
        : base(LoadedRuntimeName())
    {
        Architecture = architecture;
        embedding = nn.Embedding(architecture.EmbeddingRows, architecture.EmbeddingSize, padding_idx: 0);
        embedding_dropout = nn.Dropout(architecture.EmbeddingDropout);
        encoder = new RecurrentEncoder(architecture);
        pooling = new SequencePooler(architecture);
        head = new ClassificationHead(architecture);
        if (architecture.BagOfNgramsLength > 0) bag_of_ngrams = new BagOfNgrams(architecture);
        _window = new RecurrentWindow(architecture.MaximumRecurrentLength);
        RegisterComponents();
    }

    public RecurrentArchitecture Architecture { get; }

    /// <summary>Loads the runtime (and caps oneDNN's ISA, <see cref="OneDnnIsaCap"/>) before the first module of ours
    /// exists, whichever path builds it: training, loading or a copy.</summary>
    private static string LoadedRuntimeName()
    {
        TorchRuntime.EnsureLoaded();
        return nameof(RecurrentClassifierModule);
    }

    /// <summary>The embedding matrix, <c>[rows, EmbeddingSize]</c>; row 0 is padding, row
    /// <c>k</c> is key <c>k</c>.</summary>
    public Tensor EmbeddingWeight => embedding.weight!;

    /// <summary>Whether the model has the bag-of-n-grams path, whose logits depend on token identities rather than
    /// embeddings (so <see cref="ForwardEmbedded"/> does not cover them).</summary>
    public bool HasBagOfNgrams => bag_of_ngrams is not null;

    /// <summary>Each token's share of the bag-of-n-grams path's logits for one text (<c>[1, time]</c> →
    /// <c>[time, outputs]</c>; they sum to the path's logits); <c>null</c> without the path.</summary>
    public Tensor? BagOfNgramsContributions(Tensor tokens) => bag_of_ngrams?.TokenContributions(tokens);

    /// <summary>Sets the path's n-gram weights from the training texts (<see cref="BagOfNgrams.FitIdf"/>); nothing
    /// to do without the path or with count weighting.</summary>
    public void FitBagOfNgramsWeights(TokenSequenceStore train) => bag_of_ngrams?.FitIdf(train);

    /// <summary>Multiplies the recurrent part's logits by <paramref name="factor"/> for every later call (its head's
    /// last layer); the bag-of-n-grams path is unchanged.</summary>
    public void ScaleRecurrentLogits(double factor) => head.ScaleOutput(factor);

    public override Tensor forward(Tensor tokens, Tensor lengths)
    {
        (Tensor deep, Tensor? wide) = ForwardParts(tokens, lengths);
        return wide is null ? deep : deep.add(wide, ScalarConstants.One);
    }

    /// <summary>The logits of the recurrent part and of the bag-of-n-grams path (<c>null</c> without it), whose sum
    /// is <see cref="forward"/>'s; training also scores each part on its own.</summary>
    public (Tensor Recurrent, Tensor? BagOfNgrams) ForwardParts(Tensor tokens, Tensor lengths)
    {
        (Tensor read, Tensor readLengths) = _window.Select(tokens, lengths);
        return (ForwardRead(embedding.call(read), readLengths), bag_of_ngrams?.call(tokens));
    }

    /// <summary>
    /// The forward pass from already embedded tokens <c>[batch, time, EmbeddingSize]</c> (e.g. rows of
    /// <see cref="EmbeddingWeight"/> or points between them, for attributions); same output as
    /// <see cref="forward"/> for a model without the bag-of-n-grams path; with it, the recurrent part's logits only.
    /// Positions outside the recurrent window do not reach the output.
    /// </summary>
    public Tensor ForwardEmbedded(Tensor embedded, Tensor lengths)
    {
        (Tensor read, Tensor readLengths) = _window.Select(embedded, lengths);
        return ForwardRead(read, readLengths);
    }

    /// <summary>The recurrent part over the embedded tokens it reads.</summary>
    private Tensor ForwardRead(Tensor embedded, Tensor lengths)
    {
        long time = embedded.shape[1];
        bool uniform = lengths.min().item<long>() == time;
        var batch = new SequenceBatch(lengths, time, uniform);
        (Tensor? outputs, Tensor last) = encoder.call(embedding_dropout.call(embedded), batch, pooling.NeedsOutputs);
        return head.call(pooling.call(outputs, last, batch));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            embedding.Dispose();
            embedding_dropout.Dispose();
            encoder.Dispose();
            pooling.Dispose();
            head.Dispose();
            bag_of_ngrams?.Dispose();
            _window.Dispose();
        }

        base.Dispose(disposing);
    }
}
