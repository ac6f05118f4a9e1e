// The tests start training processes: one at a time keeps them within a 2-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
