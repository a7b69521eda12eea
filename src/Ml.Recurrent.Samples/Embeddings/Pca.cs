namespace Ml.Recurrent.Samples.Embeddings;

/// <summary>
/// Principal component analysis on plain arrays: centre the rows, eigen-decompose the covariance matrix with the
/// cyclic Jacobi method (exact for symmetric matrices), project onto the leading components. Each component's
/// sign is fixed so that its largest-magnitude coefficient is positive, so results are reproducible.
/// </summary>
public static class Pca
{
    /// <summary>The result: coordinates of each row, the components and the share of variance each explains.</summary>
    /// <param name="Coordinates">[row][component].</param>
    /// <param name="Components">[component][feature], unit length.</param>
    /// <param name="ExplainedVarianceRatio">Per component, its eigenvalue over the total variance.</param>
    public sealed record Result(double[][] Coordinates, double[][] Components, double[] ExplainedVarianceRatio);

    /// <summary>Projects <paramref name="rows"/> (n × d, n ≥ 2) onto their first <paramref name="components"/>
    /// principal components.</summary>
    public static Result Fit(IReadOnlyList<double[]> rows, int components = 2)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count < 2) throw new ArgumentException($"PCA needs at least 2 rows; got {rows.Count}.", nameof(rows));
        int n = rows.Count, d = rows[0].Length;
        if (components < 1 || components > d) throw new ArgumentOutOfRangeException(nameof(components), components,
            $"components must be in [1, {d}]; got {components}.");
        if (rows.Any(r => r.Length != d)) throw new ArgumentException($"Every row must have {d} values.", nameof(rows));

        var mean = new double[d];
        foreach (double[] row in rows)
        {
            for (int j = 0; j < d; j++) mean[j] += row[j] / n;
        }

        var covariance = new double[d, d];
        var centred = new double[d];
        foreach (double[] row in rows)
        {
            for (int j = 0; j < d; j++) centred[j] = row[j] - mean[j];
            for (int a = 0; a < d; a++)
            {
                for (int b = a; b < d; b++) covariance[a, b] += centred[a] * centred[b] / (n - 1);
            }
        }

        for (int a = 0; a < d; a++)
        {
            for (int b = 0; b < a; b++) covariance[a, b] = covariance[b, a];
        }

        (double[] values, double[,] vectors) = JacobiEigen(covariance);
        int[] order = [.. Enumerable.Range(0, d).OrderByDescending(i => values[i])];
        double total = values.Sum(v => Math.Max(v, 0));
        var componentRows = new double[components][];
        var ratios = new double[components];
        for (int c = 0; c < components; c++)
        {
            int k = order[c];
            double[] v = [.. Enumerable.Range(0, d).Select(j => vectors[j, k])];
            int largest = Array.IndexOf(v, v.MaxBy(Math.Abs));
            if (v[largest] < 0) v = [.. v.Select(x => -x)];
            componentRows[c] = v;
            ratios[c] = total > 0 ? Math.Max(values[k], 0) / total : 0;
        }

        double[][] coordinates = [.. rows.Select(row => componentRows.Select(v => Dot(row, mean, v)).ToArray())];
        return new Result(coordinates, componentRows, ratios);
    }

    private static double Dot(double[] row, double[] mean, double[] direction)
    {
        double sum = 0;
        for (int j = 0; j < row.Length; j++) sum += (row[j] - mean[j]) * direction[j];
        return sum;
    }

    /// <summary>Eigenvalues and eigenvectors (columns) of a symmetric matrix by cyclic Jacobi rotations.</summary>
    private static (double[] Values, double[,] Vectors) JacobiEigen(double[,] symmetric)
    {
        int d = symmetric.GetLength(0);
        var a = (double[,])symmetric.Clone();
        var v = new double[d, d];
        for (int i = 0; i < d; i++) v[i, i] = 1;
        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0, diagonal = 0;
            for (int p = 0; p < d; p++)
            {
                diagonal += a[p, p] * a[p, p];
                for (int q = p + 1; q < d; q++) off += a[p, q] * a[p, q];
            }

            if (off <= 1e-22 * Math.Max(diagonal, 1e-300)) break;
            for (int p = 0; p < d - 1; p++)
            {
                for (int q = p + 1; q < d; q++)
                {
                    if (Math.Abs(a[p, q]) < 1e-300) continue;
                    double theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    double t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < d; k++)
                    {
                        double akp = a[k, p], akq = a[k, q];
                        a[k, p] = c * akp - s * akq;
                        a[k, q] = s * akp + c * akq;
                    }

                    for (int k = 0; k < d; k++)
                    {
                        double apk = a[p, k], aqk = a[q, k];
                        a[p, k] = c * apk - s * aqk;
                        a[q, k] = s * apk + c * aqk;
                    }

                    for (int k = 0; k < d; k++)
                    {
                        double vkp = v[k, p], vkq = v[k, q];
                        v[k, p] = c * vkp - s * vkq;
                        v[k, q] = s * vkp + c * vkq;
                    }
                }
            }
        }

        return ([.. Enumerable.Range(0, d).Select(i => a[i, i])], v);
    }
}
