using Microsoft.ML;

namespace Ml.Recurrent.Tests.Reliability;

/// <summary>
/// Seeded fuzzing of a saved model: every mutant either loads and predicts exactly like the original, or ends in a
/// managed exception (a native crash would end the test process). The longer run is
/// <c>bench/Ml.Recurrent.Reliability.Bench fuzz</c>; its figures are in docs/reliability.md.
/// </summary>
[TestClass]
public sealed class ModelFuzzTests
{
    public const int Mutations = 1200;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void SeededMutationsOfASavedModel_EachLoadsIdenticallyOrThrowsAManagedException()
    {
        var ml = new MLContext(seed: 1);
        ReliabilityFixture.SavedModel reference = ReliabilityFixture.Reference;
        var fuzzer = new ModelFuzzer(reference.Zip);

        (SortedDictionary<string, int> outcomes, List<string> different) = fuzzer.Run(ml, m => ReliabilityFixture.Predict(ml, m), reference.Predictions, Mutations, seed: 2024);

        foreach ((string outcome, int count) in outcomes) TestContext.WriteLine($"{count,6}  {outcome}");
        Assert.IsEmpty(different, "damaged models that loaded and predicted differently:\n" + string.Join("\n", different));
        Assert.AreEqual(Mutations, outcomes.Values.Sum());
        Assert.IsGreaterThan(Mutations / 2, outcomes.Where(o => o.Key.StartsWith("load threw", StringComparison.Ordinal)).Sum(o => o.Value), "most mutants must be refused");
        Assert.IsGreaterThan(0, outcomes.GetValueOrDefault(ModelFuzzer.SamePredictions), "some mutants only touch bytes nobody reads (e.g. reserved header bytes)");
    }

    public const int EntryListMutations = 300;

    private static readonly Lazy<ReliabilityFixture.SavedModel> OtherSeed = new(() => ReliabilityFixture.Train(seed: 8, hiddenSize: 8));

    private static readonly Lazy<ReliabilityFixture.SavedModel> OtherData = new(() => ReliabilityFixture.Train(seed: 7, hiddenSize: 8, corpusSeed: 2));

    [TestMethod]
    public void EntryListMutationsBetweenModelsOfTheSameShape_EachThrowsOrLoadsAsOneOfTheModels()
    {
        var ml = new MLContext(seed: 1);
        ReliabilityFixture.SavedModel reference = ReliabilityFixture.Reference;
        (byte[], string[])[] others = [(OtherSeed.Value.Zip, OtherSeed.Value.Predictions), (OtherData.Value.Zip, OtherData.Value.Predictions)];
        foreach ((_, string[] predictions) in others) CollectionAssert.AreNotEqual(reference.Predictions, predictions, "the models differ");

        (SortedDictionary<string, int> outcomes, List<string> different) = new ModelFuzzer(reference.Zip).RunEntryListMutations(
            ml, m => ReliabilityFixture.Predict(ml, m), reference.Predictions, others, EntryListMutations, seed: 13);

        foreach ((string outcome, int count) in outcomes) TestContext.WriteLine($"{count,6}  {outcome}");
        Assert.IsEmpty(different, "entry-list mutants that loaded and predicted like neither model:\n" + string.Join("\n", different));
        Assert.AreEqual(EntryListMutations, outcomes.Values.Sum());
        Assert.IsGreaterThan(EntryListMutations / 4, outcomes.Where(o => o.Key.StartsWith("load threw", StringComparison.Ordinal)).Sum(o => o.Value), "mixed entries are refused");
    }
}
