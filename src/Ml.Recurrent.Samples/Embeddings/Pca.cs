using TorchSharp;
using static TorchSharp.torch;

namespace Ml.Recurrent.Samples.Embeddings;

/// <summary>
/// Principal component analysis on plain arrays: centre the rows and take the singular value decomposition of the
/// centred matrix with libtorch (<c>torch.linalg.svd</c>); the right singular vectors are the components and the
/// squared singular values their variances. Each component's sign is fixed so that its largest-magnitude
/// coefficient is positive, so results are reproducible.
/// </summary>
public static class Pca
{
    /// <summary>The result: coordinates of each row, the components and the share of variance each explains.</summary>
    /// <param name="Coordinates">[row][component].</param>
    /// <param name="Components">[component][feature], unit length.</param>
    /// <param name="ExplainedVarianceRatio">Per component, its variance over the total variance.</param>
    public sealed record Result(double[][] Coordinates, double[][] Components, double[] ExplainedVarianceRatio);

    /// <summary>Projects <paramref name="rows"/> (n × d, n ≥ 2) onto their first <paramref name="components"/>
    /// principal components.</summary>
    public static Result Fit(IReadOnlyList<double[]> rows, int components = 2)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count < 2) throw new ArgumentException($"PCA needs at least 2 rows; got {rows.Count}.", nameof(rows));
        int n = rows.Count, d = rows[0].Length;
        if (components < 1 || components > d)
            throw new ArgumentOutOfRangeException(nameof(components), components,
                $"components must be in [1, {d}]; got {components}.");
        if (rows.Any(r => r.Length != d)) throw new ArgumentException($"Every row must have {d} values.", nameof(rows));

        using DisposeScope scope = NewDisposeScope();
        using IDisposable noGrad = no_grad();
        Tensor data = tensor(rows.SelectMany(r => r).ToArray(), [n, d], ScalarType.Float64);
        Tensor centred = data - data.mean([0], keepdim: true);
        // The reduced decomposition has min(n, d) components; with fewer rows than features ask for all d.
        (Tensor _, Tensor singular, Tensor vh) = linalg.svd(centred, fullMatrices: n < d);
        double[] variances = [.. (singular * singular).data<double>()];
        double total = variances.Sum();
        double[] basis = [.. vh.contiguous().data<double>()];

        var componentRows = new double[components][];
        var ratios = new double[components];
        for (int c = 0; c < components; c++)
        {
            double[] v = basis[(c * d)..((c + 1) * d)];
            int largest = Array.IndexOf(v, v.MaxBy(Math.Abs));
            if (v[largest] < 0) v = [.. v.Select(x => -x)];
            componentRows[c] = v;
            ratios[c] = c < variances.Length && total > 0 ? variances[c] / total : 0;
        }

        Tensor directions = tensor(componentRows.SelectMany(v => v).ToArray(), [components, d], ScalarType.Float64);
        double[] projected = [.. centred.matmul(directions.t()).data<double>()];
        double[][] coordinates =
            [.. Enumerable.Range(0, n).Select(i => projected[(i * components)..((i + 1) * components)])];
        return new Result(coordinates, componentRows, ratios);
    }
}
