using Helix.Training;

namespace Helix.Proteins.Jobs;

/// <summary>
/// The whole protein job: read and split the corpus, train a masked-LM Performer with the Helix.Training kit,
/// evaluate it beside the unigram baseline on the test split, the query set and the globins (every scored residue
/// masked; the paper-style 80/10/10 figure apart), rank real proteins against shuffles by PLL, retrieve globin
/// families by embedding, and write report.json.
/// </summary>
public static class ProteinTrainingJob
{
    /// <summary>Give this as the query (or globin) path to skip that test set.</summary>
    public const string NoQuery = "none";

    /// <summary>Seed of the masks of the periodic (honest) validation.</summary>
    public const ulong ValidationMaskSeed = 0x7A11D;

    /// <summary>Runs the job; status and training progress go to <paramref name="progress"/>; <paramref name="observers"/>
    /// (for example the host's curves plot) watch the training loop.</summary>
    public static ProteinTrainingResult Run(ProteinTrainingOptions options, IProgress<ProteinJobEvent>? progress = null, CancellationToken cancel = default,
        IEnumerable<ITrainingObserver>? observers = null)
    {
        options.Validate();
        return new ProteinTrainingWorker(options, progress, cancel, observers ?? []).Run();
    }
}
