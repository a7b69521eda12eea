namespace Ml.Recurrent.WebService;

/// <summary>
/// Holds the model in service and swaps in a new one atomically. A request takes the current model with
/// <see cref="Acquire"/> and gives it back by disposing the lease; a reload loads and checks the new file completely
/// before the swap, so requests never wait for a load and never see a half-loaded model. If the new file cannot be
/// loaded the old model stays in service.
/// </summary>
public sealed class ModelHost : IDisposable
{
    private readonly ILogger<ModelHost> _logger;
    private readonly Lock _reloadGate = new();
    private ServedModel _current;
    private int _failedReloads;

    /// <summary>
    /// Loads the model at start-up; a missing or broken file stops the service with the loader's error.
    /// </summary>
    /// <param name="path">Full path of the model zip.</param>
    /// <param name="logger">Where reloads are reported.</param>
    public ModelHost(string path, ILogger<ModelHost> logger)
    {
        _logger = logger;
        Path = path;
        _current = new ServedModel(path, version: 1);
        _logger.LogInformation(
            "Serving model {Path} (classes {Classes})", path, string.Join(", ", _current.ClassNames));
    }

    /// <summary>The model file.</summary>
    public string Path { get; }

    /// <summary>The model in service now (for status only; score through <see cref="Acquire"/>).</summary>
    public ServedModel Current => Volatile.Read(ref _current);

    /// <summary>Reloads that failed.</summary>
    public int FailedReloads => Volatile.Read(ref _failedReloads);

    /// <summary>The current model, kept alive (not released) until the lease is disposed.</summary>
    public Lease Acquire()
    {
        while (true)
        {
            ServedModel model = Volatile.Read(ref _current);
            if (model.TryAcquire()) return new Lease(model);

            // Lost a race with a reload that released this model after the swap: the field holds the new one now.
        }
    }

    /// <summary>
    /// Loads the file again and swaps it in; returns false (and keeps the old model) if it cannot be loaded.
    /// </summary>
    public bool Reload()
    {
        lock (_reloadGate)
        {
            ServedModel next;
            try
            {
                next = new ServedModel(Path, Current.Version + 1);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Interlocked.Increment(ref _failedReloads);
                _logger.LogWarning(
                    ex, "Reloading {Path} failed; model version {Version} stays in service", Path, Current.Version);
                return false;
            }

            ServedModel old = Interlocked.Exchange(ref _current, next);
            old.Release(); // the host's reference; requests still using it hold theirs
            _logger.LogInformation("Reloaded {Path}: model version {Version}", Path, next.Version);
            return true;
        }
    }

    /// <summary>Releases the model in service.</summary>
    public void Dispose() => Volatile.Read(ref _current).Release();

    /// <summary>A request's hold on one model version.</summary>
    public readonly struct Lease : IDisposable
    {
        internal Lease(ServedModel model) => Model = model;

        /// <summary>The model to score with.</summary>
        public ServedModel Model { get; }

        /// <summary>Gives the model back.</summary>
        public void Dispose() => Model?.Release();
    }
}
