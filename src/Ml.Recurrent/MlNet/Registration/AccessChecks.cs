using System.Runtime.CompilerServices;

// Ml.Recurrent compiles against publicized copies of Microsoft.ML.Core and Microsoft.ML.Data
// (build/Publicize.targets) so that it can use ML.NET's model-persistence members, which are internal.
// At run time these declarations tell CoreCLR to allow those calls, and to materialise the internal
// LoadableClassAttribute applied in this assembly (without them it is silently dropped and
// Model.Load cannot find our loaders). Only the files in MlNet/ use this access; a test compiles the rest of the
// library against the ordinary ML.NET reference assemblies to keep it so (docs/design.md).
[assembly: IgnoresAccessChecksTo("Microsoft.ML.Core")]
[assembly: IgnoresAccessChecksTo("Microsoft.ML.Data")]

namespace System.Runtime.CompilerServices
{
    /// <summary>
    /// Recognised by CoreCLR by its full name in the accessing assembly: lets this assembly access
    /// non-public members of the named assembly. Not part of the BCL reference assemblies.
    /// </summary>
    [AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
    internal sealed class IgnoresAccessChecksToAttribute : Attribute
    {
        public IgnoresAccessChecksToAttribute(string assemblyName) => AssemblyName = assemblyName;

        public string AssemblyName { get; }
    }
}
