using Ml.Recurrent.Samples.Embeddings;

namespace Ml.Recurrent.Samples.Tests;

[TestClass]
public sealed class EmbeddingProjectionTests
{
    [TestMethod]
    public void Pca_OfAKnownMatrix_RecoversItsDirectionsAndVarianceShares()
    {
        // Points a·u + b·v + c on a grid with a ∈ {−3, −1, 1, 3}, b ∈ {−1, 1}: var(a) = 5 (with n − 1: 40/7), var(b) = 1 (8/7);
        // a and b are uncorrelated, so the components are u and v and they explain 5/6 and 1/6.
        double[] u = [0.6, 0.8, 0, 0, 0], v = [0, 0, 0, 1, 0], c = [1, 2, 3, 4, 5];
        var rows = new List<double[]>();
        foreach (double a in new[] { -3.0, -1, 1, 3 })
        {
            foreach (double b in new[] { -1.0, 1 })
                rows.Add([.. Enumerable.Range(0, 5).Select(j => a * u[j] + b * v[j] + c[j])]);
        }

        Pca.Result pca = Pca.Fit(rows, 2);

        Assert.AreEqual(5.0 / 6, pca.ExplainedVarianceRatio[0], 1e-9);
        Assert.AreEqual(1.0 / 6, pca.ExplainedVarianceRatio[1], 1e-9);
        Assert.AreEqual(1, Math.Abs(Dot(pca.Components[0], u)), 1e-9);
        Assert.AreEqual(1, Math.Abs(Dot(pca.Components[1], v)), 1e-9);
        Assert.AreEqual(3, Math.Abs(pca.Coordinates[^1][0]), 1e-9, "the last point has a = 3");
    }

    [TestMethod]
    public void Tsne_KeepsWellSeparatedClustersApart()
    {
        var random = new Random(3);
        double[][] centres = [[10, 0, 0, 0, 0, 0, 0, 0], [0, 10, 0, 0, 0, 0, 0, 0], [0, 0, 10, 0, 0, 0, 0, 0]];
        var rows = new List<double[]>();
        var cluster = new List<int>();
        for (int k = 0; k < centres.Length; k++)
        {
            for (int i = 0; i < 15; i++)
            {
                rows.Add([.. centres[k].Select(x => x + random.NextDouble() - 0.5)]);
                cluster.Add(k);
            }
        }

        double[][] map = new Tsne { Perplexity = 8, Iterations = 500 }.Fit(rows);

        for (int i = 0; i < map.Length; i++)
        {
            int nearest = Enumerable.Range(0, map.Length).Where(j => j != i).MinBy(j => Distance(map[i], map[j]));
            Assert.AreEqual(cluster[i], cluster[nearest], $"point {i}'s nearest neighbour in the map is in another cluster");
        }

        double widestCluster = Enumerable.Range(0, 3).Max(k => Spread(map, cluster, k));
        double closestCentres = Enumerable.Range(0, 3).SelectMany(a => Enumerable.Range(a + 1, 2 - a).Select(b => Distance(Centre(map, cluster, a), Centre(map, cluster, b)))).Min();
        Assert.IsGreaterThan(2 * widestCluster, closestCentres, $"clusters overlap: centres {closestCentres:F2} apart, widest cluster radius {widestCluster:F2}");
    }

    [TestMethod]
    public void Tsne_RejectsAPerplexityTooLargeForThePoints()
    {
        double[][] rows = [[0, 0], [1, 0], [0, 1], [1, 1]];

        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Tsne { Perplexity = 30 }.Fit(rows));

        StringAssert.Contains(error.Message, "Perplexity");
        StringAssert.Contains(error.Message, "30");
    }

    [TestMethod]
    public void MostFrequent_SkipsReservedMarkersAndPunctuation_InVocabularyOrder()
    {
        string[] terms = ["xxunk", "xxmaj", "xxup", "the", ".", "film", ",", "good"];
        var embeddings = new float[terms.Length, 2];
        for (int i = 0; i < terms.Length; i++) embeddings[i, 0] = i;

        var chosen = EmbeddingMap.MostFrequent(terms, embeddings, 3);

        CollectionAssert.AreEqual(new[] { "the", "film", "good" }, chosen.Select(c => c.Word).ToArray());
        Assert.AreEqual(5, chosen[1].Vector[0], "the vector is the word's own embedding row");
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();

    private static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Sum());

    private static double[] Centre(double[][] map, List<int> cluster, int k)
    {
        double[][] members = [.. map.Where((_, i) => cluster[i] == k)];
        return [members.Average(p => p[0]), members.Average(p => p[1])];
    }

    private static double Spread(double[][] map, List<int> cluster, int k)
    {
        double[] centre = Centre(map, cluster, k);
        return map.Where((_, i) => cluster[i] == k).Max(p => Distance(p, centre));
    }
}
