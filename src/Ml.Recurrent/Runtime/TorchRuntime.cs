using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;

namespace Ml.Recurrent.Runtime;

/// <summary>
/// The one place through which Ml.Recurrent first touches TorchSharp. It loads the native library once
/// and turns a load failure into a <see cref="NativeRuntimeException"/> that names the real cause.
/// </summary>
public static class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static bool _loaded;

    /// <summary>Loads TorchSharp's native library (CPU) if it is not loaded yet.</summary>
    /// <exception cref="NativeRuntimeException">The native library cannot be loaded; the message says why
    /// and how to fix it.</exception>
    public static void EnsureLoaded()
    {
        if (Volatile.Read(ref _loaded)) return;
        lock (Gate)
        {
            if (_loaded) return;
            OneDnnIsaCap.Apply();
            EnsureLoaded(static () => torch.InitializeDeviceType(DeviceType.CPU));
            Volatile.Write(ref _loaded, true);
        }
    }

    /// <summary>A one-line description of the loaded runtime (TorchSharp and libtorch versions, threads).</summary>
    public static string Describe()
    {
        EnsureLoaded();
        string torchSharp =
            typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                            ?? typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown";
        return $"TorchSharp {torchSharp.Split('+')[0]}, libtorch {torch.__version__}, {torch.get_num_threads()} " +
               $"intra-op threads, oneDNN ISA cap {OneDnnIsaCap.Effective ?? "none"}, " +
               $"{RuntimeInformation.OSDescription} ({RuntimeInformation.ProcessArchitecture})";
    }

    /// <summary>Runs <paramref name="load"/> and translates a native load failure. Separate so
    /// tests can simulate one.</summary>
    internal static void EnsureLoaded(Action load)
    {
        try
        {
            load();
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or NotSupportedException
                                       or BadImageFormatException)
        {
            string? native = FindNativeLibrary();
            string? libstdcxx = FindLibstdcxx();
            string? loaderMessage = TryLoadDirectly(native);
            throw new NativeRuntimeException(NativeLoadDiagnosis.Describe(ex, native, libstdcxx, loaderMessage), ex);
        }
    }

    private static string? TryLoadDirectly(string? path)
    {
        if (path is null) return null;
        try
        {
            NativeLibrary.Free(NativeLibrary.Load(path));
            return null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException)
        {
            return ex.Message;
        }
    }

    /// <summary>Looks for libLibTorchSharp.so next to the application and in the NuGet package layout.</summary>
    internal static string? FindNativeLibrary()
    {
        if (!OperatingSystem.IsLinux()) return null;
        string rid = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        var folders =
            new List<string> { AppContext.BaseDirectory,
                Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native") };
        string? torchSharpDir = Path.GetDirectoryName(typeof(torch).Assembly.Location);
        if (!string.IsNullOrEmpty(torchSharpDir))
            folders.Add(Path.GetFullPath(Path.Combine(torchSharpDir, "..", "..", "runtimes", rid, "native")));
        return folders.Select(f => Path.Combine(f, "libLibTorchSharp.so")).FirstOrDefault(File.Exists);
    }

    /// <summary>The libstdc++.so.6 the dynamic loader would pick on this machine (common locations).</summary>
    internal static string? FindLibstdcxx()
    {
        if (!OperatingSystem.IsLinux()) return null;
        string[] candidates =
        [
            "/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/lib/aarch64-linux-gnu/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
        ];
        return candidates.FirstOrDefault(File.Exists);
    }
}
