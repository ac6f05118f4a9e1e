// Law tests are CPU-bound; run the classes one at a time on the shared 2-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
