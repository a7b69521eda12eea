using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ml.Recurrent.Benchmarks;

/// <summary>
/// The peer's model written directly in TorchSharp, the way a TorchSharp user would: Embedding →
/// fused (bi)LSTM/GRU/RNN → last hidden state → Linear(→10) → Linear(→classes). No masking: it measures the
/// raw cost of the same layers on the same batches.
/// </summary>
internal sealed class RawPeerModel : nn.Module<Tensor, Tensor>
{
    private readonly Embedding emb;
    private readonly nn.Module<Tensor, Tensor> rnn;
    private readonly Dropout drop;
    private readonly Linear fc1;
    private readonly Linear fc2;
    private readonly bool _bidirectional;

    public RawPeerModel(int vocabulary, int classes, RecurrentCell cell, bool bidirectional, int embedding, int hidden, double dropout)
        : base(nameof(RawPeerModel))
    {
        _bidirectional = bidirectional;
        emb = nn.Embedding(vocabulary, embedding, padding_idx: 0);
        rnn = cell switch
        {
            RecurrentCell.Lstm => new LastState(nn.LSTM(embedding, hidden, batchFirst: true, bidirectional: bidirectional)),
            RecurrentCell.Gru => new LastState(nn.GRU(embedding, hidden, batchFirst: true, bidirectional: bidirectional)),
            _ => new LastState(nn.RNN(embedding, hidden, batchFirst: true, bidirectional: bidirectional)),
        };
        drop = nn.Dropout(dropout);
        fc1 = nn.Linear(hidden * (bidirectional ? 2 : 1), 10);
        fc2 = nn.Linear(10, classes);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        Tensor h = rnn.call(drop.call(emb.call(x)));
        Tensor last = _bidirectional ? cat([h[-2], h[-1]], -1) : h[-1];
        return fc2.call(fc1.call(drop.call(last)));
    }

    /// <summary>Returns the final hidden state <c>[layers·directions, batch, hidden]</c> of any of the three fused modules.</summary>
    private sealed class LastState : nn.Module<Tensor, Tensor>
    {
        private readonly nn.Module inner;

        public LastState(nn.Module inner)
            : base(nameof(LastState))
        {
            this.inner = inner;
            RegisterComponents();
        }

        public override Tensor forward(Tensor x) => inner switch
        {
            LSTM lstm => lstm.call(x).Item2,
            GRU gru => gru.call(x).Item2,
            RNN rnn => rnn.call(x).Item2,
            _ => throw new InvalidOperationException(),
        };
    }
}
