using System.CommandLine;
using System.Text.Json;
using Helix.Bilevel.Estimators;
using Helix.Bilevel.Meta;
using Helix.Bilevel.Model;
using Helix.Bilevel.Omniglot;
using Helix.Core;
using Helix.Torch;
using Helix.Training;
using Spectre.Console;
using TorchSharp;

namespace Helix.Cli.Meta;

/// <summary>`helix meta eval`: accuracy of a meta-trained network on held-out episodes and on the 20 standard one-shot runs.</summary>
internal static class MetaEvalCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo>("--model") { Description = "A model.ckpt written by `helix meta train`.", Required = true };
        var data = new Option<string?>("--data") { Description = "Omniglot folder or zip (default ../shared/data/omniglot when present); all_runs.zip is looked for in the folder." };
        var episodes = new Option<int>("--episodes") { Description = "Held-out episodes to score.", DefaultValueFactory = _ => 200 };
        var inner = new Option<int?>("--inner-steps") { Description = "Adaptation steps (default: the model's evaluation steps)." };
        var testAlphabets = new Option<string?>("--test-alphabets") { Description = "Comma-separated held-out alphabets (default: the training default)." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the episodes.", DefaultValueFactory = _ => 7 };
        var json = new Option<bool>("--json") { Description = "Print the result as one JSON object." };
        var cmd = new Command("eval", "Accuracy with a 95% confidence interval on held-out N-way episodes and on the 20 standard 20-way one-shot runs (all_runs.zip).");
        foreach (var o in new Option[] { model, data, episodes, inner, testAlphabets, seed, json }) cmd.Options.Add(o);
        cmd.SetAction(p => MetaCli.Guard(() => Run(p.GetValue(model)!.FullName, MetaCli.Data(p.GetValue(data)), p.GetValue(episodes), p.GetValue(inner),
            p.GetValue(testAlphabets)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), p.GetValue(seed), p.GetValue(json))));
        return cmd;
    }

    static int Run(string modelPath, string dataPath, int episodes, int? innerSteps, string[]? testAlphabets, ulong seed, bool json)
    {
        TorchRuntime.EnsureLoaded();
        if (!File.Exists(modelPath)) throw new CliUsageException($"--model: {modelPath} does not exist.");
        if (episodes < 1) throw new CliUsageException($"--episodes must be ≥ 1, got {episodes}.");
        var header = CheckpointFile.ReadHeader(modelPath);
        if (header.Config == null) throw new CliUsageException($"--model: {modelPath} has no meta-learning configuration; was it written by `helix meta train`?");
        var (config, meta) = MetaTraining.ReadConfig(header.Config);
        var loop = new InnerLoop(innerSteps ?? meta.EvalLoop.Steps, meta.InnerStepSize).Validate();
        using var net = new ConvNet(config, 0);
        CheckpointFile.Load(modelPath, net);
        var weights = net.Weights.Select(w => w.detach()).ToList();

        var data = OmniglotDataset.Load(dataPath, config.ImageSize);
        var split = OmniglotSplit.ByAlphabet(data, testAlphabets);
        var test = new EpisodeSampler(data, split.Test);
        var rng = new SplitMix64(seed);
        var held = Enumerable.Range(0, episodes).Select(_ => test.Sample(config.Ways, meta.Shots, meta.Queries, rng)).ToList();
        var heldOut = MetaEvaluation.Run(weights, config, held, loop);

        EpisodeAccuracy? runs = null;
        string? runsNote = null;
        var runsPath = Directory.Exists(dataPath) ? Path.Combine(dataPath, "all_runs.zip") : Path.Combine(Path.GetDirectoryName(dataPath) ?? ".", "all_runs.zip");
        if (!File.Exists(runsPath)) runsNote = $"no {runsPath}";
        else if (config.Ways != 20) runsNote = $"the model is {config.Ways}-way; the one-shot runs need a 20-way model (train with --ways 20)";
        else runs = MetaEvaluation.Run(weights, config, OneShotRuns.Load(runsPath, config.ImageSize), loop);

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                model = modelPath, estimator = meta.Estimator.ToString(), ways = config.Ways, shots = meta.Shots, innerSteps = loop.Steps,
                heldOut = new { episodes = heldOut.Episodes, accuracy = heldOut.Mean, ci95 = heldOut.HalfWidth95 },
                oneShotRuns = runs == null ? null : new { runs = runs.Episodes, accuracy = runs.Mean, ci95 = runs.HalfWidth95 },
                oneShotRunsNote = runsNote,
            }));
            return 0;
        }
        AnsiConsole.MarkupLineInterpolated($"{modelPath}: {meta.Estimator}, {config.Ways}-way {meta.Shots}-shot, {loop.Steps} adaptation steps");
        AnsiConsole.MarkupLineInterpolated($"held-out alphabets: {heldOut.Mean:P2} ± {heldOut.HalfWidth95:P2} (95% CI, {heldOut.Episodes} episodes; chance {1.0 / config.Ways:P1})");
        if (runs != null) AnsiConsole.MarkupLineInterpolated($"20 standard one-shot runs: {runs.Mean:P2} ± {runs.HalfWidth95:P2} (95% CI)");
        else AnsiConsole.MarkupLineInterpolated($"one-shot runs skipped: {runsNote}");
        return 0;
    }
}
