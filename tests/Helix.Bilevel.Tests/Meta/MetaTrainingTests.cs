using Helix.Bilevel.Estimators;
using Helix.Bilevel.Meta;
using Helix.Bilevel.Model;
using Helix.Bilevel.Omniglot;
using Helix.Core;
using Helix.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Bilevel.Tests.Meta;

public class MetaTrainingTests
{
    static OmniglotDataset Synthetic()
    {
        // Classes are noisy copies of a random prototype, so there is something to learn.
        var rng = new SplitMix64(11);
        var list = new List<OmniglotCharacter>();
        for (int c = 0; c < 12; c++)
        {
            var proto = Enumerable.Range(0, 64).Select(_ => rng.NextDouble() < 0.3 ? 1f : 0f).ToArray();
            list.Add(new OmniglotCharacter($"A{c % 3}", $"c{c}", Enumerable.Range(0, 6)
                .Select(_ => proto.Select(p => rng.NextDouble() < 0.1 ? 1 - p : p).ToArray()).ToList()));
        }
        return new OmniglotDataset(list, 8);
    }

    [Fact]
    public void A_resumed_run_equals_an_uninterrupted_one()
    {
        var data = Synthetic();
        var split = OmniglotSplit.ByAlphabet(data, new[] { "A2" });
        var sampler = new EpisodeSampler(data, split.Train);
        var meta = new MetaOptions { Estimator = EstimatorSpec.Parse("ufom:auto"), Ways = 3, Shots = 1, Queries = 2, InnerSteps = 2, MetaBatch = 2, MinProbability = 0.2 };
        var config = new ConvNetConfig(3, 4, 2, 8);
        var dir = Directory.CreateTempSubdirectory("helix-meta");
        try
        {
            TrainingOptions Opts(string name, long? stopAfter) => new()
            {
                Steps = 6, StopAfterStep = stopAfter, WarmupSteps = 1, LearningRate = 1e-2, WeightDecay = 0, ValidateEvery = 0,
                CheckpointEvery = 3, CheckpointPath = Path.Combine(dir.FullName, name + ".ckpt"), Seed = 5,
            };
            using var straight = new ConvNet(config, 1);
            var a = MetaTraining.Run(straight, sampler, null, meta, Opts("a", null));
            using var first = new ConvNet(config, 1);
            MetaTraining.Run(first, sampler, null, meta, Opts("b", 3));
            using var resumed = new ConvNet(config, 99);   // different init: everything must come from the checkpoint
            var b = MetaTraining.Run(resumed, sampler, null, meta, Opts("b", null), Path.Combine(dir.FullName, "b.ckpt"));
            Assert.Equal(a.Training.Losses.Skip(3), b.Training.Losses);
            for (int i = 0; i < straight.Weights.Count; i++)
                Assert.True(straight.Weights[i].equal(resumed.Weights[i]).all().ToBoolean(), $"weight {i} differs");
            Assert.True(a.ExactDraws > 0);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void Short_meta_training_on_omniglot_beats_chance_clearly()
    {
        var root = TestData.Omniglot();
        if (root == null) return;   // data absent
        var data = OmniglotDataset.Load(Path.Combine(root, "images_background_small1.zip"));
        var split = OmniglotSplit.ByAlphabet(data, new[] { "Korean" });
        var train = new EpisodeSampler(data, split.Train);
        var test = new EpisodeSampler(data, split.Test);
        var meta = new MetaOptions { Estimator = EstimatorSpec.Parse("ufom:0.2"), Ways = 5, Shots = 1, Queries = 3, InnerSteps = 2, MetaBatch = 4 };
        var config = new ConvNetConfig(5, 8, 4, 28);
        using var net = new ConvNet(config, 3);
        var rng = new SplitMix64(77);
        var held = Enumerable.Range(0, 30).Select(_ => test.Sample(5, 1, 3, rng)).ToList();
        var weights = net.Weights.Cast<Tensor>().ToList();
        var before = MetaEvaluation.Run(weights, config, held, meta.EvalLoop);
        MetaTraining.Run(net, train, null, meta, new TrainingOptions { Steps = 40, WarmupSteps = 4, LearningRate = 5e-3, WeightDecay = 0, ValidateEvery = 0, Seed = 2 });
        var after = MetaEvaluation.Run(weights, config, held, meta.EvalLoop);
        Assert.True(after.Mean > 0.45, $"5-way accuracy after meta-training {after.Mean:P1} (before {before.Mean:P1}, chance 20%)");
        Assert.True(after.Mean > before.Mean + 0.05, $"before {before.Mean:P1}, after {after.Mean:P1}");
    }
}
