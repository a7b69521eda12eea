using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ml.Recurrent.Modeling;

/// <summary>
/// Embedding → dropout → recurrent encoder → pooling over real positions → head. Input: token rows
/// <c>[batch, time]</c> (int64 embedding rows, right-padded with 0) and real lengths <c>[batch]</c> (int64, ≥ 1).
/// Output: logits <c>[batch, outputs]</c>.
/// </summary>
internal sealed class RecurrentClassifierModule : nn.Module<Tensor, Tensor, Tensor>
{
    // Field names are state-dict keys; a test freezes them.
    private readonly Embedding embedding;
    private readonly Dropout embedding_dropout;
    private readonly RecurrentEncoder encoder;
    private readonly ClassificationHead head;

    public RecurrentClassifierModule(RecurrentModelShape shape)
        : base(nameof(RecurrentClassifierModule))
    {
        Shape = shape;
        embedding = nn.Embedding(shape.EmbeddingRows, shape.EmbeddingSize, padding_idx: 0);
        embedding_dropout = nn.Dropout(shape.EmbeddingDropout);
        encoder = new RecurrentEncoder(shape);
        head = new ClassificationHead(shape);
        RegisterComponents();
    }

    public RecurrentModelShape Shape { get; }

    /// <summary>The embedding matrix, <c>[rows, EmbeddingSize]</c>; row 0 is padding, row <c>k</c> is key <c>k</c>.</summary>
    public Tensor EmbeddingWeight => embedding.weight!;

    public override Tensor forward(Tensor tokens, Tensor lengths)
    {
        long time = tokens.shape[1];
        bool uniform = lengths.min().item<long>() == time;
        var batch = new SequenceBatch(lengths, time, uniform);
        Tensor embedded = embedding_dropout.call(embedding.call(tokens));
        (Tensor? outputs, Tensor last) = encoder.call(embedded, batch, Shape.Pooling != SequencePooling.Last);
        return head.call(Pool(outputs, last, batch));
    }

    private Tensor Pool(Tensor? outputs, Tensor last, SequenceBatch batch)
    {
        return Shape.Pooling switch
        {
            SequencePooling.Last => last,
            SequencePooling.Max => MaxOverReal(outputs!, batch),
            SequencePooling.Mean => MeanOverReal(outputs!, batch),
            SequencePooling.LastMaxMean => cat([last, MaxOverReal(outputs!, batch), MeanOverReal(outputs!, batch)], 1),
            _ => throw new InvalidOperationException($"Unknown pooling {Shape.Pooling}."),
        };
    }

    private static Tensor MaxOverReal(Tensor outputs, SequenceBatch batch)
    {
        if (batch.Uniform) return outputs.amax(1);
        return outputs.masked_fill(batch.Mask.logical_not().unsqueeze(2), ScalarConstants.NegativeInfinity).amax(1);
    }

    private static Tensor MeanOverReal(Tensor outputs, SequenceBatch batch)
    {
        if (batch.Uniform) return outputs.mean([1]);
        Tensor summed = (outputs * batch.Mask.unsqueeze(2).to_type(outputs.dtype)).sum(1);
        return summed / batch.Lengths.unsqueeze(1).to_type(outputs.dtype);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            embedding.Dispose();
            embedding_dropout.Dispose();
            encoder.Dispose();
            head.Dispose();
        }

        base.Dispose(disposing);
    }
}
