using Ml.Recurrent.Modeling;
using Ml.Recurrent.Persistence;

namespace Ml.Recurrent.Classification;

/// <summary>
/// Turns a freshly trained module into the module a load of its saved model builds: a new module of the same
/// architecture whose weights are read back through <see cref="WeightsCodec"/>, exactly as the loader does. The
/// trained module's tensors were updated in place by the optimiser for thousands of steps and sit among the
/// training's allocations; after this, scoring in the training process uses tensors made the same way as in any
/// process that loads the zip (docs/reliability.md, "Scores after reload").
/// </summary>
internal static class ReloadedCopy
{
    /// <summary>The entry name that a (never expected) codec error names.</summary>
    public const string EntryName = "trained weights";

    /// <summary>Returns the reloaded copy of <paramref name="trained"/>; disposes <paramref name="trained"/>.</summary>
    public static RecurrentClassifierModule Of(RecurrentClassifierModule trained)
    {
        try
        {
            byte[] weights = WeightsCodec.Write(trained);
            var copy = new RecurrentClassifierModule(trained.Architecture);
            try
            {
                WeightsCodec.Read(copy, weights, EntryName);
                return copy;
            }
            catch
            {
                copy.Dispose();
                throw;
            }
        }
        finally
        {
            trained.Dispose();
        }
    }
}
