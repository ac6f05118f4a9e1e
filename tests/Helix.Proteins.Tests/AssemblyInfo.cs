// libtorch's default generator is process-wide: tests that seed it must not run in parallel.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
