using System.Reflection;
using Ml.Recurrent.AccessControl;

namespace Ml.Recurrent.Tests;

[TestClass]
public sealed class LoadableClassTests
{
    private const string AttributeName = "Microsoft.ML.LoadableClassAttribute";

    private static List<Attribute> LoadableClasses(Assembly assembly) =>
        assembly.GetCustomAttributes().Where(a => a.GetType().FullName == AttributeName).ToList();

    private static string? Property(Attribute attribute, string name) =>
        attribute.GetType().GetProperty(name, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)?.GetValue(attribute) switch
        {
            string s => s,
            string[] a => string.Join(",", a),
            Type t => t.FullName,
            var other => other?.ToString(),
        };

    [TestMethod]
    public void OurAssembly_MaterialisesLoadableClassAttributes_ForEveryTransformer()
    {
        List<Attribute> attributes = LoadableClasses(typeof(RecurrentCatalog).Assembly);

        var loaded = attributes.Select(a => Property(a, "InstanceType")).ToHashSet();
        CollectionAssert.IsSubsetOf(new[] { typeof(RecurrentTokenizerTransformer).FullName, typeof(RecurrentTextClassifierTransformer).FullName }, loaded.ToList());
    }

    [TestMethod]
    public void ControlAssembly_WithoutIgnoresAccessChecksTo_SilentlyDropsTheAttribute()
    {
        Assembly control = typeof(ControlTransformer).Assembly;
        bool declared = control.GetCustomAttributesData().Any(d => d.AttributeType.FullName == AttributeName);

        Assert.IsTrue(declared, "the control assembly does declare LoadableClass in its metadata");
        Assert.IsEmpty(LoadableClasses(control), "without IgnoresAccessChecksTo the runtime drops the internal attribute");
    }

    [TestMethod]
    public void Signatures_FitMlNetLimits_AndAreUnique()
    {
        string[] loaders = [RecurrentTokenizerTransformer.LoaderSignature, RecurrentTextClassifierTransformer.LoaderSignature];
        string[] models = [RecurrentTokenizerTransformer.Format.ModelSignature, RecurrentTextClassifierTransformer.Format.ModelSignature];

        foreach (string loader in loaders) Assert.IsLessThanOrEqualTo(24, loader.Length, loader);
        foreach (string model in models) Assert.AreEqual(8, model.Length, model);
        Assert.AreEqual(loaders.Length, loaders.Distinct().Count());
        Assert.AreEqual(models.Length, models.Distinct().Count());
        Assert.IsTrue(loaders.All(l => l.StartsWith("MlRecurrent", StringComparison.Ordinal)));
    }
}
