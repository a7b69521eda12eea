using Ml.Recurrent.Runtime;
using Ml.Recurrent.Modeling;
using TorchSharp;
using static TorchSharp.torch;

namespace Ml.Recurrent.Explaining;

/// <summary>
/// Computes token attributions on the module: integrated gradients over the embeddings (all interpolation points
/// of one text in as few batched forward/backward passes as <see cref="MaximumPointsPerPass"/> allows, gradients
/// taken for the interpolated embeddings only) and leave-one-out occlusion (all reduced texts in batched forward
/// passes). Callers hold the scorer's lock; the module is in eval mode, so dropout is off.
/// </summary>
internal sealed class AttributionEngine
{
    /// <summary>Token positions (rows × time) per forward pass; bounds the memory of one pass.</summary>
    public const int MaximumPointsPerPass = 16_384;

    private readonly RecurrentClassifierModule _module;
    private readonly ExplainedOutput _output;

    public AttributionEngine(RecurrentClassifierModule module, ExplainedOutput output)
    {
        _module = module;
        _output = output;
    }

    /// <summary>The logits of one token sequence (embedding rows), no gradients.</summary>
    public float[] Logits(long[] rows)
    {
        using var scope = NewDisposeScope();
        using var grad = no_grad();
        Tensor logits = _module.call(tensor(rows, [1, rows.Length]), tensor(new long[] { rows.Length }));
        return logits.contiguous().data<float>().ToArray();
    }

    /// <summary>
    /// Integrated gradients of class <paramref name="target"/> with <paramref name="steps"/> Gauss–Legendre points;
    /// also the explained output at the text and at the baseline (padding embeddings at every position).
    /// </summary>
    public (float[] Attributions, float Score, float BaselineScore) IntegratedGradients(
        long[] rows, int target, int steps)
    {
        using var scope = NewDisposeScope();
        int time = rows.Length;
        Tensor weight = _module.EmbeddingWeight.detach();
        Tensor input = weight.index_select(0, tensor(rows));
        Tensor baseline = weight[0].unsqueeze(0).expand(time, -1);
        Tensor delta = input - baseline;
        (double[] nodes, double[] weights) = GaussLegendre.OnUnitInterval(steps);
        Tensor gradientSum = zeros_like(input);
        Tensor? shares = WideShares(rows);
        Tensor presenceSum = zeros(time, dtype: ScalarType.Float32);
        int perPass = Math.Max(1, MaximumPointsPerPass / time);
        using (var enabled = enable_grad())
        {
            for (int start = 0; start < steps; start += perPass)
            {
                using var pass = NewDisposeScope();
                int count = Math.Min(perPass, steps - start);
                Tensor alphas = tensor(nodes.Skip(start).Take(count).Select(a => (float)a).ToArray()).view(-1, 1, 1);
                Tensor quadrature = tensor(weights.Skip(start).Take(count).Select(w => (float)w).ToArray());
                Tensor points = (baseline.unsqueeze(0) + alphas * delta.unsqueeze(0)).detach().requires_grad_(true);
                Tensor lengths = Lengths(count, time);
                Tensor logits = _module.ForwardEmbedded(points, lengths);
                // The bag-of-n-grams path is linear in each token's presence, interpolated with the same alphas.
                Tensor? presence = shares is null ? null
                    : alphas.view(-1, 1).expand(count, time).contiguous().detach().requires_grad_(true);
                if (presence is not null) logits = logits.add(presence.matmul(shares!), ScalarConstants.One);
                Tensor objective = (Explained(logits, target) * quadrature).sum();
                IList<Tensor> gradients = torch.autograd.grad([objective],
                    presence is null ? [points] : [points, presence]);
                // not sum(0): a literal 0 would bind to sum(ScalarType)
                gradientSum.add_(gradients[0].sum(dim: 0), ScalarConstants.One);
                if (presence is not null) presenceSum.add_(gradients[1].sum(dim: 0), ScalarConstants.One);
            }
        }

        float[] attributions =
            (gradientSum * delta).sum(1).add(presenceSum, ScalarConstants.One).data<float>().ToArray();
        (float score, float baselineScore) = Endpoints(input, baseline, target, gradients: true, shares);
        return (attributions, score, baselineScore);
    }

    /// <summary>
    /// Leave-one-out occlusion of class <paramref name="target"/>: the explained output of the text minus that of the
    /// text without each token; a one-token text is compared with the baseline.
    /// </summary>
    public (float[] Attributions, float Score, float BaselineScore) Occlusion(long[] rows, int target)
    {
        using var scope = NewDisposeScope();
        using var grad = no_grad();
        int time = rows.Length;
        Tensor weight = _module.EmbeddingWeight;
        Tensor input = weight.index_select(0, tensor(rows));
        Tensor baseline = weight[0].unsqueeze(0).expand(time, -1);
        (float score, float baselineScore) = Endpoints(input, baseline, target, gradients: false, WideShares(rows));
        if (time == 1) return ([score - baselineScore], score, baselineScore);

        var attributions = new float[time];
        int perPass = Math.Max(1, MaximumPointsPerPass / (time - 1));
        for (int start = 0; start < time; start += perPass)
        {
            using var pass = NewDisposeScope();
            int count = Math.Min(perPass, time - start);
            var reduced = new long[count * (time - 1)];
            for (int r = 0; r < count; r++)
            {
                int left = start + r, offset = r * (time - 1);
                Array.Copy(rows, 0, reduced, offset, left);
                Array.Copy(rows, left + 1, reduced, offset + left, time - 1 - left);
            }

            Tensor tokens = tensor(reduced, [count, time - 1]);
            Tensor lengths = Lengths(count, time - 1);
            float[] without = Explained(_module.call(tokens, lengths), target).data<float>().ToArray();
            for (int r = 0; r < count; r++) attributions[start + r] = score - without[r];
        }

        return (attributions, score, baselineScore);
    }

    /// <summary>
    /// The explained output at the text and at the baseline, in one forward pass of two rows. For integrated
    /// gradients it runs with gradients enabled, as the interpolation points do, so both take the same libtorch
    /// kernels (on the test models the values were the same either way); occlusion runs every pass without.
    /// The bag-of-n-grams path, if any, adds its logits to the text's row (the baseline has no tokens).
    /// </summary>
    private (float Score, float BaselineScore) Endpoints(Tensor input, Tensor baseline, int target, bool gradients,
        Tensor? shares)
    {
        using var scope = NewDisposeScope();
        using var grad = set_grad_enabled(gradients);
        Tensor both = stack([input, baseline]);
        Tensor lengths = Lengths(2, input.shape[0]);
        Tensor logits = _module.ForwardEmbedded(both, lengths);
        if (shares is not null) logits = logits.add(stack([shares.sum(dim: 0), zeros_like(shares[0])]),
            ScalarConstants.One);
        float[] values = Explained(logits, target).detach().data<float>().ToArray();
        return (values[0], values[1]);
    }

    /// <summary>Each token's share of the bag-of-n-grams path's logits, <c>[time, outputs]</c>, without gradients;
    /// <c>null</c> when the model has no such path.</summary>
    private Tensor? WideShares(long[] rows)
    {
        using var grad = no_grad();
        return _module.BagOfNgramsContributions(tensor(rows, [1, rows.Length]))?.detach();
    }

    /// <summary>The explained output of class <paramref name="target"/> for each row of <paramref
    /// name="logits"/>.</summary>
    private Tensor Explained(Tensor logits, int target)
    {
        if (logits.shape[1] == 1)
        {
            Tensor signed = target == 1 ? logits.squeeze(1) : logits.squeeze(1).neg();
            return _output == ExplainedOutput.Probability ? signed.sigmoid() : signed;
        }

        return _output == ExplainedOutput.Probability ? logits.softmax(1).select(1, target) : logits.select(1, target);
    }

    /// <summary><paramref name="count"/> equal lengths as an int64 tensor, made from an array: TorchSharp's
    /// <c>full</c> takes the value as a temporary Scalar that nothing holds during the native call.</summary>
    private static Tensor Lengths(int count, long length) => tensor(Enumerable.Repeat(length, count).ToArray());
}
