using System.Text.Json.Nodes;
using Helix.Bilevel.Estimators;
using Helix.Bilevel.Omniglot;
using Helix.Core;
using Helix.Training;

namespace Helix.Bilevel.Meta;

/// <summary>Draws meta-batches of episodes and their ξ; saves the adaptive q's state with the checkpoint.</summary>
internal sealed class MetaBatchSource(EpisodeSampler sampler, MetaOptions options, BilevelEstimator estimator) : IBatchSource<MetaBatch>
{
    public MetaBatch Next(SplitMix64 rng)
    {
        var episodes = new Episode[options.MetaBatch];
        for (int i = 0; i < episodes.Length; i++) episodes[i] = sampler.Sample(options.Ways, options.Shots, options.Queries, rng);
        return new MetaBatch(episodes, estimator.Draw(episodes.Length, rng));
    }

    public JsonNode? SaveState() => estimator.Adaptive?.Save();

    public void LoadState(JsonNode? state) => estimator.Adaptive?.Load(state);
}
