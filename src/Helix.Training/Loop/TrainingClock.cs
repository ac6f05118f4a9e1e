using System.Diagnostics;

namespace Helix.Training;

/// <summary>The clocks and counters of one <see cref="Trainer{TBatch}.Run"/> call (not saved in checkpoints).</summary>
internal sealed class TrainingClock(long startStep, double elapsedBefore)
{
    /// <summary>The step the run started from.</summary>
    public long StartStep { get; } = startStep;
    /// <summary>Wall time of this run.</summary>
    public Stopwatch Wall { get; } = Stopwatch.StartNew();
    /// <summary>Time spent inside optimizer steps (the throughput's denominator).</summary>
    public double TrainSeconds { get; set; }
    /// <summary>Training tokens of this run.</summary>
    public long TokensThisRun { get; set; }
    /// <summary>Training loss of each step of this run.</summary>
    public List<double> Losses { get; } = new();

    /// <summary>Training time across resumes.</summary>
    public double ElapsedSeconds => elapsedBefore + Wall.Elapsed.TotalSeconds;
    /// <summary>Throughput of this run.</summary>
    public double TokensPerSecond => TrainSeconds > 0 ? TokensThisRun / TrainSeconds : 0;
}
