using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;

namespace Ml.Recurrent.WebService;

/// <summary>
/// One loaded model version with its pool of prediction engines, reference-counted: the host holds one reference
/// while the model is current and every request holds one while it scores. When the host retires the model (a
/// reload swapped in a newer one) and the last request using it finishes, its native weights are released at once
/// with <see cref="RecurrentTextClassifierTransformer.ReleaseNativeMemoryOf"/> instead of waiting for the GC.
/// </summary>
public sealed class ServedModel
{
    private readonly ObjectPool<PredictionEngine<ModelInput, ModelOutput>> _engines;
    private int _references = 1;

    /// <summary>
    /// Loads <paramref name="path"/> and scores one text so that a broken file fails here, not in a request.
    /// </summary>
    /// <param name="path">A model zip saved with <c>mlContext.Model.Save</c>.</param>
    /// <param name="version">The version number reported by <c>/health</c>.</param>
    public ServedModel(string path, int version)
    {
        Context = new MLContext(seed: 1);
        using (FileStream stream = File.OpenRead(path)) Model = Context.Model.Load(stream, out _);
        Version = version;
        LoadedAtUtc = DateTime.UtcNow;
        ClassNames = ((IEnumerable<ITransformer>)Model).OfType<RecurrentTextClassifierTransformer>().Single()
            .Model.ClassNames;
        _engines = new DefaultObjectPoolProvider { MaximumRetained = Environment.ProcessorCount * 4 }
            .Create(new EnginePolicy(Context, Model));
        Predict(string.Empty);
    }

    /// <summary>The context the model was loaded with.</summary>
    public MLContext Context { get; }

    /// <summary>The loaded pipeline.</summary>
    public ITransformer Model { get; }

    /// <summary>Class names in the order of <see cref="ModelOutput.Score"/>.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>1 for the first model, +1 per reload.</summary>
    public int Version { get; }

    /// <summary>When it was loaded.</summary>
    public DateTime LoadedAtUtc { get; }

    /// <summary>Whether its native memory was released (retired and no longer used).</summary>
    public bool Released => Volatile.Read(ref _references) == 0;

    /// <summary>Scores one text with a pooled engine.</summary>
    /// <param name="text">The text.</param>
    public PredictResponse Predict(string text)
    {
        PredictionEngine<ModelInput, ModelOutput> engine = _engines.Get();
        try
        {
            return Response(engine.Predict(new ModelInput { Text = text }));
        }
        finally
        {
            _engines.Return(engine);
        }
    }

    /// <summary>Scores many texts with one <c>Transform</c> (the library scores them in batches).</summary>
    /// <param name="texts">The texts.</param>
    public IReadOnlyList<PredictResponse> PredictBatch(IReadOnlyList<string> texts)
    {
        IDataView input = Context.Data.LoadFromEnumerable(texts.Select(t => new ModelInput { Text = t }));
        return Context.Data.CreateEnumerable<ModelOutput>(Model.Transform(input), reuseRowObject: false)
            .Select(Response).ToList();
    }

    /// <summary>
    /// Takes a reference for a request; false if the model was already released (take the current one).
    /// </summary>
    public bool TryAcquire()
    {
        int seen = Volatile.Read(ref _references);
        while (seen > 0)
        {
            int was = Interlocked.CompareExchange(ref _references, seen + 1, seen);
            if (was == seen) return true;
            seen = was;
        }

        return false;
    }

    /// <summary>Drops a reference (a request finished, or the host retired the model); the last one frees it.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _references) != 0) return;
        RecurrentTextClassifierTransformer.ReleaseNativeMemoryOf(Model);
    }

    private PredictResponse Response(ModelOutput output)
    {
        var probabilities = new Dictionary<string, float>(ClassNames.Count);
        for (int i = 0; i < ClassNames.Count && i < output.Score.Length; i++)
            probabilities[ClassNames[i]] = output.Score[i];
        return new PredictResponse(output.PredictedLabel, probabilities);
    }

    /// <summary>Creates engines that do not own the model (the model outlives them) and keeps every engine.</summary>
    private sealed class EnginePolicy(MLContext context, ITransformer model)
        : IPooledObjectPolicy<PredictionEngine<ModelInput, ModelOutput>>
    {
        public PredictionEngine<ModelInput, ModelOutput> Create() =>
            context.Model.CreatePredictionEngine<ModelInput, ModelOutput>(
                model, new PredictionEngineOptions { OwnsTransformer = false });

        public bool Return(PredictionEngine<ModelInput, ModelOutput> obj) => true;
    }
}
