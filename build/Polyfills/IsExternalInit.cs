// Compiled into every netstandard2.0 project (Directory.Build.targets), so that records and init-only properties
// work in Roslyn generators and analyzers as they do in the net10.0 libraries.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit { }
}
