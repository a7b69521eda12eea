using System.Runtime.InteropServices;
using TorchSharp;

namespace Ml.Recurrent.Runtime;

/// <summary>
/// Runs a small forward pass with one intra-op thread on the calling thread only. libtorch (OpenMP build) keeps
/// its thread count per calling thread: every thread that runs a parallel operation gets its own OpenMP team, whose
/// idle workers spin for a while after each operation. A server that scores single rows on many thread-pool
/// threads therefore has many teams fighting over the cores; a one-row forward pass of a recurrent network gains
/// nothing from them anyway (its steps are sequential and its matrices tiny).
/// </summary>
/// <remarks>
/// <see cref="ForRows"/> sets the calling thread's OpenMP thread count (<c>omp_set_num_threads</c>, an OpenMP
/// per-thread setting) and MKL's thread-local count (<c>mkl_set_num_threads_local</c>) to 1 for the duration of the
/// pass and restores both afterwards. It deliberately does not call <c>torch.set_num_threads</c>, which would also
/// change libtorch's process-wide default for threads that start later, resize a process-wide thread pool and clear
/// oneDNN's kernel cache. Nothing process-wide changes. The two functions are looked up in the libgomp and
/// libtorch_cpu libraries that TorchSharp loaded; where they are not found (Windows, macOS, a libtorch without
/// OpenMP) the thread count is left alone.
/// </remarks>
internal static unsafe class IntraOpThreads
{
    /// <summary>Forward passes over fewer texts than this run on one intra-op thread.</summary>
    public const int SingleThreadBelowRows = 16;

    private static readonly Functions? Native = Functions.Find();

    [ThreadStatic]
    private static bool _initialised;

    [ThreadStatic]
    private static int _openScopes;

    /// <summary>Whether the per-thread functions were found (Linux with TorchSharp's libtorch).</summary>
    public static bool Available => Native is not null;

    /// <summary>Whether the calling thread is inside a scope from <see cref="ForRows"/> that set one intra-op thread:
    /// only then does a pass know its thread count, which a second thread must copy to compute the same bits.</summary>
    public static bool OnOneThread => _openScopes > 0;

    /// <summary>
    /// For a pass over <paramref name="rows"/> texts: below <see cref="SingleThreadBelowRows"/>, the calling thread
    /// runs with one intra-op thread until the returned scope is disposed; otherwise nothing changes.
    /// </summary>
    public static Scope ForRows(int rows)
    {
        if (rows >= SingleThreadBelowRows || Native is not { } native) return default;
        if (!_initialised)
        {
            // libtorch sets a thread's OpenMP count lazily, on its first parallel operation; make it happen now so
            // that it cannot overwrite the count set below in the middle of the pass.
            torch.get_num_threads();
            _initialised = true;
        }

        int previousOmp = native.OmpGetMaxThreads();
        int previousMkl = native.MklSetNumThreadsLocal(1);
        if (previousOmp != 1) native.OmpSetNumThreads(1);
        _openScopes++;
        return new Scope(native, previousOmp, previousMkl);
    }

    /// <summary>Restores the calling thread's thread counts when disposed.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly Functions? _native;
        private readonly int _omp;
        private readonly int _mkl;

        internal Scope(Functions native, int omp, int mkl)
        {
            _native = native;
            _omp = omp;
            _mkl = mkl;
        }

        public void Dispose()
        {
            if (_native is null) return;
            _openScopes--;
            if (_omp != 1) _native.OmpSetNumThreads(_omp);
            _native.MklSetNumThreadsLocal(_mkl); // 0 restores "use the global setting"
        }
    }

    internal sealed class Functions
    {
        private readonly delegate* unmanaged<int, void> _ompSet;
        private readonly delegate* unmanaged<int> _ompGet;
        private readonly delegate* unmanaged<int, int> _mklSetLocal;

        private Functions(nint ompSet, nint ompGet, nint mklSetLocal)
        {
            _ompSet = (delegate* unmanaged<int, void>)ompSet;
            _ompGet = (delegate* unmanaged<int>)ompGet;
            _mklSetLocal = (delegate* unmanaged<int, int>)mklSetLocal;
        }

        public void OmpSetNumThreads(int count) => _ompSet(count);

        public int OmpGetMaxThreads() => _ompGet();

        public int MklSetNumThreadsLocal(int count) => _mklSetLocal(count);

        /// <summary>The functions in the libraries this process loaded, or null.</summary>
        public static Functions? Find()
        {
            if (!OperatingSystem.IsLinux()) return null;
            try
            {
                TorchRuntime.EnsureLoaded();
                string[] loaded = File.ReadAllLines("/proc/self/maps")
                    .Select(line => line.IndexOf('/') is var at and >= 0 ? line[at..] : string.Empty)
                    .Where(path => path.Length > 0).Distinct().ToArray();
                string? gomp = loaded.FirstOrDefault(
                    p => Path.GetFileName(p).StartsWith("libgomp", StringComparison.Ordinal));
                string? torchCpu = loaded.FirstOrDefault(p => Path.GetFileName(p) == "libtorch_cpu.so");
                if (gomp is null || torchCpu is null) return null;
                nint gompHandle = NativeLibrary.Load(gomp);
                nint torchHandle = NativeLibrary.Load(torchCpu);
                // MKL's C entry point is MKL_Set_Num_Threads_Local (mkl.h maps the lower-case name to it); the exported
                // lower-case symbol is the Fortran one, which takes a pointer.
                if (!NativeLibrary.TryGetExport(gompHandle, "omp_set_num_threads", out nint ompSet)
                    || !NativeLibrary.TryGetExport(gompHandle, "omp_get_max_threads", out nint ompGet)
                    || !NativeLibrary.TryGetExport(torchHandle, "MKL_Set_Num_Threads_Local", out nint mklSetLocal))
                    return null;
                return new Functions(ompSet, ompGet, mklSetLocal);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DllNotFoundException
                                           or BadImageFormatException)
            {
                return null;
            }
        }
    }
}
