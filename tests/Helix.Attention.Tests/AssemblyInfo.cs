// libtorch's default generator is process-wide: tests that seed it (and SLiM's dropout replay) must not run in parallel.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
