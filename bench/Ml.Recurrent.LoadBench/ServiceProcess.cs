using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ml.Recurrent.LoadBench;

/// <summary>The web service as a child process listening on a free loopback port.</summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServiceProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<ServiceProcess> StartAsync(
        string serverDll, string modelPath, bool memoryEndpoint = false, string? environment = null)
    {
        serverDll = Path.GetFullPath(serverDll);
        int port = FreeLoopbackPort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { serverDll, "--urls", baseAddress.ToString(), "--Model:Path=" + modelPath, "--Logging:LogLevel:Default=Warning" },
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (memoryEndpoint) start.ArgumentList.Add("--Diagnostics:MemoryEndpoint=true");
        if (environment is { Length: > 0 } && environment.Split('=', 2) is [var name, var value])
            start.Environment[name] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.WriteLine($"  [server] {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.WriteLine($"  [server] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var client = new HttpClient { BaseAddress = baseAddress };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The web service exited with code {process.ExitCode}.");
            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) when (clock.Elapsed < TimeSpan.FromMinutes(3))
            {
                await Task.Delay(200);
            }
        }

        Console.WriteLine($"web service pid {process.Id} ready on {baseAddress} after {clock.Elapsed.TotalSeconds:F1} s");
        return new ServiceProcess(process, baseAddress);
    }

    /// <summary>The server's VmRSS in MiB.</summary>
    public double RssMiB()
    {
        string line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
