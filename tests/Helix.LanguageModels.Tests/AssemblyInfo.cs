using Helix.Torch;

// libtorch's default generator is process-wide: tests that seed it must not run in parallel.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Helix.LanguageModels.Tests
{
    internal static class PassiveOpenMp
    {
        /// <summary>Before any test loads libtorch: idle OpenMP threads sleep instead of spinning (shared CI cores).</summary>
        [System.Runtime.CompilerServices.ModuleInitializer]
        internal static void Init() => OpenMpWaitPolicy.PreferPassive();
    }
}
