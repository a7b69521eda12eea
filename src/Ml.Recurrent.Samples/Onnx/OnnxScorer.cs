using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Ml.Recurrent.Samples.Onnx;

/// <summary>
/// Scores texts with an exported model through ONNX Runtime alone (no ML.NET, no TorchSharp): a batch of texts
/// <c>[N, 1]</c> in, <c>PredictedLabel.output</c> and <c>Score.output</c> out. Graph inputs other than the text
/// (e.g. the label column ML.NET's export keeps as an input) get empty placeholders.
/// </summary>
internal sealed class OnnxScorer : IDisposable
{
    private readonly InferenceSession _session;

    public OnnxScorer(string modelPath, int threads = 1)
    {
        var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1 };
        _session = new InferenceSession(modelPath, options);
    }

    /// <summary>Predicted labels (as text) and the score row of each text.</summary>
    public (string[] Labels, float[][] Scores) Score(IReadOnlyList<string> texts)
    {
        int n = texts.Count;
        var inputs = new List<NamedOnnxValue>();
        foreach ((string name, NodeMetadata meta) in _session.InputMetadata)
        {
            if (name == "Text") inputs.Add(NamedOnnxValue.CreateFromTensor(name,
                new DenseTensor<string>(texts.ToArray(), [n, 1])));
            else if (meta.ElementType == typeof(string)) inputs.Add(NamedOnnxValue.CreateFromTensor(name,
                new DenseTensor<string>(Enumerable.Repeat("", n).ToArray(), [n, 1])));
            else if (meta.ElementType == typeof(bool)) inputs.Add(NamedOnnxValue.CreateFromTensor(name,
                new DenseTensor<bool>(new bool[n], [n, 1])));
            else if (meta.ElementType == typeof(float)) inputs.Add(NamedOnnxValue.CreateFromTensor(name,
                new DenseTensor<float>(new float[n], [n, 1])));
            else throw new InvalidDataException($"The model's input '{name}' has type {meta.ElementType}; this " +
                $"scorer fills only text, bool and float inputs.");
        }

        using var results = _session.Run(inputs, ["PredictedLabel.output", "Score.output"]);
        var labels = results[0].Value switch
        {
            Tensor<string> s => s.ToArray(),
            Tensor<bool> b => b.ToArray().Select(v => v ? "True" : "False").ToArray(),
            _ => throw new InvalidDataException("PredictedLabel.output is neither text nor bool."),
        };
        float[] flat = ((Tensor<float>)results[1].Value).ToArray();
        int width = flat.Length / Math.Max(1, n);
        float[][] scores = Enumerable.Range(0, n).Select(i => flat.AsSpan(i * width, width).ToArray()).ToArray();
        return (labels, scores);
    }

    public void Dispose() => _session.Dispose();
}
