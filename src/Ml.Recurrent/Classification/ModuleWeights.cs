using Ml.Recurrent.Modeling;
using Ml.Recurrent.Scoring;
using static TorchSharp.torch;

namespace Ml.Recurrent.Classification;

/// <summary>A copy of a module's state dict as float arrays with their shapes, read under the scorer's lock.</summary>
internal sealed class ModuleWeights
{
    private readonly Dictionary<string, (float[] Values, long[] Shape)> _tensors;

    private ModuleWeights(Dictionary<string, (float[] Values, long[] Shape)> tensors)
    {
        _tensors = tensors;
    }

    public static ModuleWeights Read(BatchScorer scorer) => scorer.Use(module =>
    {
        var tensors = new Dictionary<string, (float[], long[])>(StringComparer.Ordinal);
        foreach ((string name, Tensor value) in module.state_dict())
        {
            using Tensor cpu = value.detach().to(ScalarType.Float32, CPU).contiguous();
            tensors[name] = (cpu.data<float>().ToArray(), cpu.shape);
        }

        return new ModuleWeights(tensors);
    });

    /// <summary>The tensor <paramref name="name"/>; throws naming it when the module has no such weight.</summary>
    public (float[] Values, long[] Shape) this[string name] =>
        _tensors.TryGetValue(name, out var tensor)
            ? tensor
            : throw new InvalidOperationException($"The model has no weight '{name}' (has: " +
                $"{string.Join(", ", _tensors.Keys)}).");

    /// <summary>Whether the module holds a weight named <paramref name="name"/>.</summary>
    public bool Contains(string name) => _tensors.ContainsKey(name);
}
