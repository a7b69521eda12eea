using Microsoft.ML;
using Microsoft.ML.Runtime;

[assembly: LoadableClass(typeof(Ml.Recurrent.AccessControl.ControlTransformer), null, typeof(SignatureLoadModel),
    "Control without IgnoresAccessChecksTo", Ml.Recurrent.AccessControl.ControlTransformer.LoaderSignature)]

namespace Ml.Recurrent.AccessControl;

/// <summary>A loader registration target; never instantiated.</summary>
public sealed class ControlTransformer
{
    /// <summary>The loader signature registered above.</summary>
    public const string LoaderSignature = "MlRecurrentControl";

    private ControlTransformer()
    {
    }

    private static ControlTransformer Create(IHostEnvironment env, ModelLoadContext ctx) => new();
}
