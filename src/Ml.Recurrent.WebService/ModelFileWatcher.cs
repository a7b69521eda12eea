using Microsoft.Extensions.Options;

namespace Ml.Recurrent.WebService;

/// <summary>
/// Reloads the model when its file changes: watches the file's folder (so a file replaced by rename is seen too)
/// and reloads once the file has been quiet for <see cref="ModelOptions.ReloadDelayMilliseconds"/>. Replace the
/// file atomically (write a temporary file, then rename it over the model) so a reload never reads a half-written
/// file; if it does, the reload fails, the old model stays, and the next change is tried again.
/// </summary>
public sealed class ModelFileWatcher : IHostedService, IDisposable
{
    private readonly ModelHost _host;
    private readonly int _delay;
    private readonly Timer _timer;
    private FileSystemWatcher? _watcher;

    /// <summary>Creates the watcher (started by the host).</summary>
    /// <param name="host">The model host to reload.</param>
    /// <param name="options">The reload delay.</param>
    public ModelFileWatcher(ModelHost host, IOptions<ModelOptions> options)
    {
        _host = host;
        _delay = options.Value.ReloadDelayMilliseconds;
        _timer = new Timer(_ => _host.Reload());
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        string folder = System.IO.Path.GetDirectoryName(_host.Path)!;
        _watcher = new FileSystemWatcher(folder, System.IO.Path.GetFileName(_host.Path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size
                           | NotifyFilters.CreationTime,
        };
        _watcher.Changed += (_, _) => Schedule();
        _watcher.Created += (_, _) => Schedule();
        _watcher.Renamed += (_, _) => Schedule();
        _watcher.EnableRaisingEvents = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_watcher is not null) _watcher.EnableRaisingEvents = false;
        _timer.Change(Timeout.Infinite, Timeout.Infinite);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _watcher?.Dispose();
        _timer.Dispose();
    }

    // Every event pushes the reload back: it runs once, _delay after the last event.
    private void Schedule() => _timer.Change(_delay, Timeout.Infinite);
}
