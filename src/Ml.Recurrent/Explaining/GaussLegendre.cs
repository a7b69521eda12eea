namespace Ml.Recurrent.Explaining;

/// <summary>
/// Gauss–Legendre quadrature on [0, 1]: <c>n</c> nodes and weights that integrate polynomials of degree up to
/// <c>2n − 1</c> exactly, so a smooth path integral needs far fewer model evaluations than a Riemann sum.
/// </summary>
internal static class GaussLegendre
{
    /// <summary>Nodes in (0, 1), ascending, and weights summing to 1.</summary>
    public static (double[] Nodes, double[] Weights) OnUnitInterval(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var nodes = new double[n];
        var weights = new double[n];
        for (int i = 0; i < n; i++)
        {
            // Newton's method on P_n from the Chebyshev-like first guess of the (n − i)-th root on [−1, 1].
            double x = Math.Cos(Math.PI * (n - i - 0.25) / (n + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++)
            {
                (double value, derivative) = Legendre(n, x);
                double step = value / derivative;
                x -= step;
                if (Math.Abs(step) < 1e-15) break;
            }

            (_, derivative) = Legendre(n, x);
            nodes[i] = (x + 1) / 2;
            weights[i] = 1 / ((1 - x * x) * derivative * derivative);
        }

        return (nodes, weights);
    }

    /// <summary>P_n(x) and its derivative, by the three-term recurrence.</summary>
    private static (double Value, double Derivative) Legendre(int n, double x)
    {
        double previous = 1, current = x;
        if (n == 0) return (1, 0);
        for (int k = 2; k <= n; k++)
        {
            double next = ((2 * k - 1) * x * current - (k - 1) * previous) / k;
            previous = current;
            current = next;
        }

        return (current, n * (x * current - previous) / (x * x - 1));
    }
}
