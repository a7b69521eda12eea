namespace Ml.Recurrent.WebService;

/// <summary>Body of <c>POST /predict</c>.</summary>
/// <param name="Text">The text to classify.</param>
public sealed record PredictRequest(string? Text);

/// <summary>Body of <c>POST /predict/batch</c>.</summary>
/// <param name="Texts">The texts to classify.</param>
public sealed record BatchPredictRequest(IReadOnlyList<string?>? Texts);

/// <summary>A prediction: the label and each class's probability.</summary>
/// <param name="Label">The most probable class.</param>
/// <param name="Probabilities">Class name → probability.</param>
public sealed record PredictResponse(string Label, IReadOnlyDictionary<string, float> Probabilities);

/// <summary>Body of <c>GET /health</c>.</summary>
/// <param name="Status"><c>"ok"</c>.</param>
/// <param name="ModelPath">The model file served.</param>
/// <param name="ModelVersion">1 for the model loaded at start-up, +1 per successful reload.</param>
/// <param name="LoadedAtUtc">When the served model was loaded.</param>
/// <param name="FailedReloads">Reloads that failed (the previous model stayed in service).</param>
/// <param name="Gc">The garbage collector's work since the process started (for latency analysis).</param>
public sealed record HealthResponse(
    string Status, string ModelPath, int ModelVersion, DateTime LoadedAtUtc, int FailedReloads, GcStatus? Gc);

/// <summary>The garbage collector's mode and work since the process started.</summary>
/// <param name="Server">Whether the server garbage collector is used (else workstation).</param>
/// <param name="Gen0">Generation-0 collections so far (including those of higher generations).</param>
/// <param name="Gen1">Generation-1 collections so far (including generation 2).</param>
/// <param name="Gen2">Generation-2 collections so far.</param>
/// <param name="PauseMilliseconds">Total time threads were paused for collections.</param>
/// <param name="AllocatedMiB">Managed memory allocated so far.</param>
public sealed record GcStatus(
    bool Server, int Gen0, int Gen1, int Gen2, double PauseMilliseconds, double AllocatedMiB)
{
    /// <summary>The current figures.</summary>
    public static GcStatus Now() => new(
        System.Runtime.GCSettings.IsServerGC,
        GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
        GC.GetTotalPauseDuration().TotalMilliseconds, GC.GetTotalAllocatedBytes() / 1048576.0);
}
