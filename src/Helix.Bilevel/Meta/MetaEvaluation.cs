using Helix.Bilevel.Estimators;
using Helix.Bilevel.Model;
using Helix.Bilevel.Omniglot;
using Helix.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Bilevel.Meta;

/// <summary>Evaluates meta-learned weights: adapt on each episode's support set, then score its queries.</summary>
public static class MetaEvaluation
{
    /// <summary>Accuracy with a 95% confidence interval over <paramref name="episodes"/>.</summary>
    /// <param name="weights">Meta-learned θ (not modified).</param>
    /// <param name="config">The network shape.</param>
    /// <param name="episodes">Episodes to score.</param>
    /// <param name="loop">The adaptation loop.</param>
    /// <param name="progress">Episodes done so far.</param>
    /// <param name="cancel">Stops between episodes.</param>
    public static EpisodeAccuracy Run(IReadOnlyList<Tensor> weights, ConvNetConfig config, IEnumerable<Episode> episodes, InnerLoop loop,
        IProgress<StepProgress>? progress = null, CancellationToken cancel = default)
    {
        loop.Validate();
        var accs = new List<double>();
        double lossSum = 0;
        var list = episodes as IReadOnlyCollection<Episode> ?? episodes.ToList();
        foreach (var e in list)
        {
            cancel.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var task = new EpisodeTask(e, config, weights[0].dtype);
            var adapted = Hypergradient.Adapt(weights, task.Task.TrainLoss, loop);
            using (no_grad()) lossSum += task.Task.TestLoss(adapted).ToDouble();
            accs.Add((double)task.LastCorrect / task.Queries);
            progress?.Report(new StepProgress(accs.Count, list.Count, $"accuracy {accs.Average():P1}"));
        }
        if (accs.Count == 0) throw new ArgumentException("no episodes to evaluate");
        double mean = accs.Average();
        double sd = accs.Count > 1 ? Math.Sqrt(accs.Sum(a => (a - mean) * (a - mean)) / (accs.Count - 1)) : 0;
        return new EpisodeAccuracy(accs.Count, mean, 1.96 * sd / Math.Sqrt(accs.Count), lossSum / accs.Count);
    }
}
