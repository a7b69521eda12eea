using Ml.Recurrent.Modeling;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ml.Recurrent.Explaining;

/// <summary>
/// While alive, switches only libtorch's fused RNN/LSTM/GRU modules to training mode; everything else (dropout
/// above all) stays in eval mode. On the CPU libtorch may run these through oneDNN, whose inference-mode forward
/// keeps no workspace for a backward pass; in training mode the backward pass is the one libtorch trains with. A
/// single-layer fused module has no dropout of its own, so its outputs do not change.
/// </summary>
internal sealed class RecurrenceBackwardMode : IDisposable
{
    private readonly List<nn.Module> _switched = [];

    public RecurrenceBackwardMode(RecurrentClassifierModule module)
    {
        foreach (nn.Module child in module.modules())
        {
            if (child is RNN or LSTM or GRU && !child.training)
            {
                child.train();
                _switched.Add(child);
            }
        }
    }

    public void Dispose()
    {
        foreach (nn.Module child in _switched) child.eval();
    }
}
