using System.Text.Json.Nodes;
using Helix.Bilevel.Estimators;
using Helix.Bilevel.Model;
using Helix.Bilevel.Omniglot;
using Helix.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Bilevel.Meta;

/// <summary>
/// Meta-trains a <see cref="ConvNet"/> on episodes with the training kit (<see cref="Trainer{TBatch}"/>): each step
/// draws a meta-batch, the chosen estimator fills the parameters' gradients, and AdamW steps on them. Checkpoints
/// are atomic and a resumed run repeats the uninterrupted one exactly (episodes, ξ draws and the adaptive q's state
/// travel in the checkpoint).
/// </summary>
public static class MetaTraining
{
    /// <summary>Runs (or resumes) meta-training.</summary>
    /// <param name="model">The network; trained in place.</param>
    /// <param name="train">Episodes for meta-training.</param>
    /// <param name="validation">Fixed validation episodes (scored with <see cref="MetaOptions.EvalLoop"/>), or null.</param>
    /// <param name="meta">Episode shape and estimator.</param>
    /// <param name="training">Budget, optimizer and output paths.</param>
    /// <param name="resumeFrom">A checkpoint to continue from, or null.</param>
    /// <param name="progress">Per-step progress.</param>
    /// <param name="cancel">Stops after the current step (a checkpoint is written when a path is set).</param>
    /// <param name="observers">Watchers of the training loop the host adds (for example a curves plot).</param>
    public static MetaTrainingResult Run(ConvNet model, EpisodeSampler train, IReadOnlyList<Episode>? validation, MetaOptions meta,
        TrainingOptions training, string? resumeFrom = null, IProgress<TrainingProgress>? progress = null, CancellationToken cancel = default,
        IEnumerable<ITrainingObserver>? observers = null)
    {
        meta.Validate();
        if (meta.Ways != model.Config.Ways) throw new ArgumentException($"the network has {model.Config.Ways} outputs but episodes have {meta.Ways} ways");
        train.CheckShape(meta.Ways, meta.Shots, meta.Queries);
        var estimator = new BilevelEstimator(meta.Estimator, meta.Loop, meta.MinProbability);
        var source = new MetaBatchSource(train, meta, estimator);
        long tasks = 0, exact = 0, cost = 0;
        var weights = model.Weights;
        var dtype = weights[0].dtype;

        BatchResult Loss(MetaBatch batch, bool training)
        {
            var episodeTasks = batch.Episodes.Select(e => new EpisodeTask(e, model.Config, dtype)).ToList();
            long queries = episodeTasks.Sum(t => t.Queries);
            if (!training)
            {
                double loss = 0;
                long correct = 0;
                foreach (var t in episodeTasks)
                {
                    var adapted = Hypergradient.Adapt(weights, t.Task.TrainLoss, meta.EvalLoop);
                    loss += t.Task.TestLoss(adapted).ToDouble() * t.Queries;
                    correct += t.LastCorrect;
                }
                return new BatchResult(tensor((float)(loss / queries)), correct, queries, queries);
            }
            var g = estimator.Estimate(weights, episodeTasks.Select(t => t.Task).ToList(), batch.ExactDraws);
            for (int i = 0; i < weights.Count; i++) weights[i].grad = g.Gradient[i].to_type(dtype);
            tasks += g.Tasks;
            exact += g.ExactDraws;
            cost += g.GradientEvaluations;
            return new BatchResult(tensor((float)g.TestLoss), episodeTasks.Sum(t => t.LastCorrect), queries, queries, GradientsFilled: true);
        }

        Func<IEnumerable<MetaBatch>>? valid = validation == null ? null
            : () => validation.Select(e => new MetaBatch(new[] { e }, new[] { false }));
        using var trainer = new Trainer<MetaBatch>(model, training, source, Loss, valid, config: Describe(model.Config, meta));
        foreach (var observer in observers ?? []) trainer.Use(observer);
        if (resumeFrom != null) trainer.Resume(resumeFrom);
        var result = trainer.Run(progress, cancel);
        return new MetaTrainingResult(result, tasks, exact, cost, estimator.Probability);
    }

    /// <summary>The configuration stored in checkpoints, from which <see cref="ReadConfig"/> rebuilds the network.</summary>
    /// <param name="config">Network shape.</param>
    /// <param name="meta">Episode shape and estimator.</param>
    public static JsonObject Describe(ConvNetConfig config, MetaOptions meta) => new()
    {
        ["ways"] = config.Ways, ["filters"] = config.Filters, ["blocks"] = config.Blocks, ["imageSize"] = config.ImageSize,
        ["estimator"] = meta.Estimator.ToString(), ["shots"] = meta.Shots, ["queries"] = meta.Queries,
        ["innerSteps"] = meta.InnerSteps, ["innerStepSize"] = meta.InnerStepSize, ["evalInnerSteps"] = meta.EvalInnerSteps,
    };

    /// <summary>The network shape and meta options stored by <see cref="Describe"/>.</summary>
    /// <param name="config">The checkpoint's config node.</param>
    public static (ConvNetConfig Config, MetaOptions Meta) ReadConfig(JsonNode config)
    {
        var c = new ConvNetConfig((int)config["ways"]!, (int)config["filters"]!, (int)config["blocks"]!, (int)config["imageSize"]!);
        var m = new MetaOptions
        {
            Ways = c.Ways, Estimator = EstimatorSpec.Parse((string)config["estimator"]!), Shots = (int)config["shots"]!,
            Queries = (int)config["queries"]!, InnerSteps = (int)config["innerSteps"]!, InnerStepSize = (double)config["innerStepSize"]!,
            EvalInnerSteps = (int?)config["evalInnerSteps"],
        };
        return (c, m);
    }
}
