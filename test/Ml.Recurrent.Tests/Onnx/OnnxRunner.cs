using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Ml.Recurrent.Tests.Onnx;

/// <summary>Runs an exported graph with ONNX Runtime; creating the session validates the graph.</summary>
internal sealed class OnnxRunner : IDisposable
{
    private readonly InferenceSession _session;

    public OnnxRunner(byte[] model)
    {
        _session = new InferenceSession(model);
    }

    public IReadOnlyCollection<string> InputNames => [.. _session.InputMetadata.Keys];

    public IReadOnlyCollection<string> OutputNames => [.. _session.OutputMetadata.Keys];

    /// <summary>Runs the graph; returns every output as a flat array of its element type.</summary>
    public Dictionary<string, Array> Run(IReadOnlyList<NamedOnnxValue> inputs)
    {
        using var results = _session.Run(inputs);
        var outputs = new Dictionary<string, Array>();
        foreach (DisposableNamedOnnxValue result in results)
        {
            outputs[result.Name] = result.Value switch
            {
                Tensor<float> t => t.ToArray(),
                Tensor<bool> t => t.ToArray(),
                Tensor<uint> t => t.ToArray(),
                Tensor<long> t => t.ToArray(),
                Tensor<string> t => t.ToArray(),
                _ => Array.Empty<object>(),
            };
        }

        return outputs;
    }

    public static NamedOnnxValue Strings(string name, params string[] texts) =>
        NamedOnnxValue.CreateFromTensor(name, new DenseTensor<string>(texts, [texts.Length, 1]));

    public static NamedOnnxValue Keys(string name, uint[][] rows)
    {
        int width = rows.Length == 0 ? 0 : rows.Max(r => r.Length);
        var values = new uint[rows.Length * width];
        for (int i = 0; i < rows.Length; i++) rows[i].CopyTo(values, i * width);
        return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<uint>(values, [rows.Length, width]));
    }

    /// <summary>Placeholder values (<paramref name="count"/> rows) for every graph input except <paramref name="except"/>.</summary>
    public IEnumerable<NamedOnnxValue> Placeholders(int count, params string[] except)
    {
        foreach ((string name, NodeMetadata meta) in _session.InputMetadata)
        {
            if (except.Contains(name)) continue;
            Type type = meta.ElementType;
            if (type == typeof(string)) yield return Strings(name, Enumerable.Repeat("", count).ToArray());
            else if (type == typeof(bool)) yield return Bools(name, count);
            else if (type == typeof(uint)) yield return UInts(name, count);
            else if (type == typeof(float)) yield return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(new float[count], [count, 1]));
            else throw new NotSupportedException($"No placeholder for input '{name}' of {type}.");
        }
    }

    public static NamedOnnxValue Bools(string name, int count) =>
        NamedOnnxValue.CreateFromTensor(name, new DenseTensor<bool>(new bool[count], [count, 1]));

    public static NamedOnnxValue UInts(string name, int count) =>
        NamedOnnxValue.CreateFromTensor(name, new DenseTensor<uint>(new uint[count], [count, 1]));

    public void Dispose() => _session.Dispose();
}
