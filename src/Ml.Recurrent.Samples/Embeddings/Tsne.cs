namespace Ml.Recurrent.Samples.Embeddings;

// Hand-written: neither ML.NET nor TorchSharp has t-SNE, and no served NuGet package offers it.
/// <summary>
/// Exact t-SNE (van der Maaten and Hinton 2008) on plain arrays, for up to a few thousand points (O(n²) memory
/// and time per iteration). Affinities from a per-point binary search on the Gaussian bandwidth to match the
/// perplexity; Student-t similarities in 2-D; gradient descent with momentum, per-coordinate gains and early
/// exaggeration. Starts from the PCA projection scaled to a standard deviation of 1e-4, so it is deterministic.
/// </summary>
public sealed class Tsne
{
    /// <summary>Default of <see cref="Perplexity"/>.</summary>
    public const double DefaultPerplexity = 30;

    /// <summary>Effective number of neighbours each point attends to. Default 30; greater than 1 and less than
    /// the number of points.</summary>
    public double Perplexity { get; init; } = DefaultPerplexity;

    /// <summary>Gradient steps. Default 1,000; at least 250 (the early exaggeration phase).</summary>
    public int Iterations { get; init; } = 1000;

    /// <summary>Factor on the affinities during the first 250 steps. Default 12.</summary>
    public double EarlyExaggeration { get; init; } = 12;

    /// <summary>Step size; <c>null</c> (default): max(n / early exaggeration / 4, 50), as
    /// scikit-learn's "auto".</summary>
    public double? LearningRate { get; init; }

    /// <summary>The Kullback–Leibler divergence after the last step (lower is a more faithful map).</summary>
    public double FinalKlDivergence { get; private set; }

    /// <summary>Embeds <paramref name="rows"/> (n × d) in two dimensions; returns [row][2].</summary>
    public double[][] Fit(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int n = rows.Count;
        if (n < 3) throw new ArgumentException($"t-SNE needs at least 3 points; got {n}.", nameof(rows));
        if (!(Perplexity > 1 && Perplexity < n - 1))
            throw new ArgumentOutOfRangeException(nameof(Perplexity), Perplexity,
                $"Perplexity must be greater than 1 and less than the number of points minus 1 ({n - 1}); got " +
                $"{Perplexity}.");
        if (Iterations < 250) throw new ArgumentOutOfRangeException(nameof(Iterations), Iterations,
            $"Iterations must be at least 250; got {Iterations}.");

        double[,] p = JointProbabilities(SquaredDistances(rows), Perplexity);
        double[][] y = Initial(rows);
        Optimise(p, y);
        return y;
    }

    private static double[,] SquaredDistances(IReadOnlyList<double[]> rows)
    {
        int n = rows.Count;
        var d = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double sum = 0;
                double[] a = rows[i], b = rows[j];
                for (int k = 0; k < a.Length; k++) sum += (a[k] - b[k]) * (a[k] - b[k]);
                d[i, j] = d[j, i] = sum;
            }
        }

        return d;
    }

    /// <summary>Symmetrised affinities p_ij = (p_j|i + p_i|j) / 2n, each row's bandwidth found by
    /// bisection on the entropy.</summary>
    private static double[,] JointProbabilities(double[,] distances, double perplexity)
    {
        int n = distances.GetLength(0);
        double targetEntropy = Math.Log(perplexity);
        var conditional = new double[n, n];
        var row = new double[n];
        for (int i = 0; i < n; i++)
        {
            double beta = 1, low = double.NegativeInfinity, high = double.PositiveInfinity;
            for (int step = 0; step < 100; step++)
            {
                double sum = 0, weighted = 0;
                for (int j = 0; j < n; j++)
                {
                    row[j] = j == i ? 0 : Math.Exp(-distances[i, j] * beta);
                    sum += row[j];
                    weighted += distances[i, j] * row[j];
                }

                sum = Math.Max(sum, 1e-300);
                double entropy = Math.Log(sum) + beta * weighted / sum;
                double difference = entropy - targetEntropy;
                for (int j = 0; j < n; j++) conditional[i, j] = row[j] / sum;
                if (Math.Abs(difference) < 1e-5) break;
                if (difference > 0)
                {
                    low = beta;
                    beta = double.IsPositiveInfinity(high) ? beta * 2 : (beta + high) / 2;
                }
                else
                {
                    high = beta;
                    beta = double.IsNegativeInfinity(low) ? beta / 2 : (beta + low) / 2;
                }
            }
        }

        var joint = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++) joint[i, j] =
                Math.Max((conditional[i, j] + conditional[j, i]) / (2.0 * n), 1e-12);
        }

        return joint;
    }

    private static double[][] Initial(IReadOnlyList<double[]> rows)
    {
        double[][] pca = Pca.Fit(rows, components: Math.Min(2, rows[0].Length)).Coordinates;
        double[][] y = [.. pca.Select(c => new[] { c[0], c.Length > 1 ? c[1] : 0 })];
        double std = Math.Sqrt(y.Average(c => c[0] * c[0]));
        double scale = std > 0 ? 1e-4 / std : 1;
        foreach (double[] c in y)
        {
            c[0] *= scale;
            c[1] *= scale;
        }

        return y;
    }

    private void Optimise(double[,] p, double[][] y)
    {
        const int exaggerationSteps = 250;
        int n = y.Length;
        double rate = LearningRate ?? Math.Max(n / EarlyExaggeration / 4, 50);
        var gradient = new double[n, 2];
        var update = new double[n, 2];
        var gains = new double[n, 2];
        for (int i = 0; i < n; i++) gains[i, 0] = gains[i, 1] = 1;
        var q = new double[n, n];

        for (int step = 0; step < Iterations; step++)
        {
            double exaggeration = step < exaggerationSteps ? EarlyExaggeration : 1;
            double momentum = step < exaggerationSteps ? 0.5 : 0.8;
            double qSum = 0;
            for (int i = 0; i < n; i++)
            {
                for (int j = i + 1; j < n; j++)
                {
                    double dx = y[i][0] - y[j][0], dy = y[i][1] - y[j][1];
                    double w = 1 / (1 + dx * dx + dy * dy);
                    q[i, j] = q[j, i] = w;
                    qSum += 2 * w;
                }
            }

            for (int i = 0; i < n; i++)
            {
                double gx = 0, gy = 0;
                for (int j = 0; j < n; j++)
                {
                    if (j == i) continue;
                    double w = q[i, j];
                    double force = (exaggeration * p[i, j] - w / qSum) * w;
                    gx += force * (y[i][0] - y[j][0]);
                    gy += force * (y[i][1] - y[j][1]);
                }

                gradient[i, 0] = 4 * gx;
                gradient[i, 1] = 4 * gy;
            }

            for (int i = 0; i < n; i++)
            {
                for (int k = 0; k < 2; k++)
                {
                    bool sameDirection = Math.Sign(gradient[i, k]) == Math.Sign(update[i, k]);
                    gains[i, k] = Math.Max(sameDirection ? gains[i, k] * 0.8 : gains[i, k] + 0.2, 0.01);
                    update[i, k] = momentum * update[i, k] - rate * gains[i, k] * gradient[i, k];
                    y[i][k] += update[i, k];
                }
            }

            if (step == Iterations - 1) FinalKlDivergence = KlDivergence(p, q, qSum);
        }
    }

    private static double KlDivergence(double[,] p, double[,] w, double wSum)
    {
        int n = p.GetLength(0);
        double kl = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (i != j) kl += p[i, j] * Math.Log(p[i, j] / Math.Max(w[i, j] / wSum, 1e-300));
            }
        }

        return kl;
    }
}
