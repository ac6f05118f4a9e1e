using Helix.Torch;

// libtorch's default generator is process-wide: tests that seed it must not run in parallel.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Helix.Bilevel.Tests
{
    internal static class PassiveOpenMp
    {
        /// <summary>Before any test loads libtorch: idle OpenMP threads sleep instead of spinning (shared CI cores).</summary>
        [System.Runtime.CompilerServices.ModuleInitializer]
        internal static void Init()
        {
            OpenMpWaitPolicy.PreferPassive();
            // MKL's fast memory manager keeps GEMM buffers after use; the memory tests count heap bytes in use.
            if (OperatingSystem.IsLinux()) setenv("MKL_DISABLE_FAST_MM", "1", 0);
        }

        [System.Runtime.InteropServices.DllImport("libc", CharSet = System.Runtime.InteropServices.CharSet.Ansi)]
        static extern int setenv(string name, string value, int overwrite);
    }
}
