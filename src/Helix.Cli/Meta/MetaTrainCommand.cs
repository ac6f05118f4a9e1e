using Helix.Cli.Hosting.Options;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Helix.Bilevel.Estimators;
using Helix.Bilevel.Meta;
using Helix.Bilevel.Model;
using Helix.Bilevel.Omniglot;
using Helix.Core;
using Helix.Torch;
using Helix.Training;
using Spectre.Console;

namespace Helix.Cli.Meta;

/// <summary>`helix meta train`: few-shot Omniglot meta-training with a chosen meta-gradient estimator.</summary>
internal static class MetaTrainCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Omniglot folder (with images_background*.zip) or a zip; default ../shared/data/omniglot when present." };
        var estimator = new Option<string>("--estimator") { Description = "exact, exact:store, fom, ufom:<q>, ufom:auto or reptile.", DefaultValueFactory = _ => "ufom:0.1" };
        var ways = new Option<int>("--ways") { Description = "N: classes per episode.", DefaultValueFactory = _ => 5 };
        var shots = new Option<int>("--shots") { Description = "K: support drawings per class.", DefaultValueFactory = _ => 1 };
        var queries = new Option<int>("--queries") { Description = "Query drawings per class.", DefaultValueFactory = _ => 5 };
        var inner = new Option<int>("--inner-steps") { Description = "r: inner SGD steps.", DefaultValueFactory = _ => 5 };
        var innerLr = new Option<double>("--inner-lr") { Description = "α: inner SGD step size.", DefaultValueFactory = _ => 0.4 };
        var evalInner = new Option<int?>("--eval-inner-steps") { Description = "Inner steps at validation (default: --inner-steps)." };
        var metaBatch = new Option<int>("--meta-batch") { Description = "Episodes per meta-step.", DefaultValueFactory = _ => 4 };
        var minQ = new Option<double>("--min-q") { Description = "Lower bound on q for ufom:auto.", DefaultValueFactory = _ => 0.05 };
        var filters = new Option<int>("--filters") { Description = "Conv filters per layer (64 is the standard network).", DefaultValueFactory = _ => 64 };
        var steps = new Option<long>("--steps") { Description = "Meta-steps (the learning-rate schedule ends here).", DefaultValueFactory = _ => 1000 };
        var lr = new Option<double>("--lr") { Description = "Peak meta learning rate (AdamW, warmup then cosine).", DefaultValueFactory = _ => 1e-3 };
        var warmup = new Option<long>("--warmup") { Description = "Warmup meta-steps.", DefaultValueFactory = _ => 20 };
        var testAlphabets = new Option<string?>("--test-alphabets") { Description = "Comma-separated alphabets held out (default: every fourth alphabet by name)." };
        var validation = new Option<int>("--validation-episodes") { Description = "Held-out episodes scored at each checkpoint.", DefaultValueFactory = _ => 50 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of weights, episodes and ξ draws.", DefaultValueFactory = _ => 1 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for model.ckpt, metrics.jsonl, curves.png and report.json.", DefaultValueFactory = _ => new DirectoryInfo("runs/meta") };
        var resume = new Option<bool>("--resume") { Description = "Continue from --out's model.ckpt (same options)." };
        var every = new Option<long>("--checkpoint-every") { Description = "Checkpoint and validate every this many meta-steps.", DefaultValueFactory = _ => 100 };
        var minutes = new TimeLimitOption("Stop after this long, with a checkpoint");
        var threads = new Option<int?>("--threads") { Description = "libtorch CPU threads (default: libtorch's own choice, one per core)." };
        var json = new Option<bool>("--json") { Description = "No progress bar; print the result as one JSON object." };
        var cmd = new Command("train", "Meta-train the 4-block conv net on N-way K-shot Omniglot episodes with exact, FOM, UFOM or Reptile meta-gradients.");
        foreach (var o in new Option[] { data, estimator, ways, shots, queries, inner, innerLr, evalInner, metaBatch, minQ, filters, steps, lr, warmup, testAlphabets, validation, seed, output, resume, every, minutes, threads, json })
            cmd.Options.Add(o);
        cmd.SetAction(p => MetaCli.Guard(() =>
        {
            var meta = new MetaOptions
            {
                Estimator = EstimatorSpec.Parse(p.GetValue(estimator)!), Ways = p.GetValue(ways), Shots = p.GetValue(shots),
                Queries = p.GetValue(queries), InnerSteps = p.GetValue(inner), InnerStepSize = p.GetValue(innerLr),
                EvalInnerSteps = p.GetValue(evalInner), MetaBatch = p.GetValue(metaBatch), MinProbability = p.GetValue(minQ),
            }.Validate();
            var alphabets = p.GetValue(testAlphabets)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return Run(MetaCli.Data(p.GetValue(data)), meta, p.GetValue(filters), p.GetValue(steps), p.GetValue(lr), p.GetValue(warmup), alphabets,
                p.GetValue(validation), p.GetValue(seed), p.GetValue(output)!.FullName, p.GetValue(resume), p.GetValue(every),
                minutes.Limit(p), p.GetValue(threads), p.GetValue(json));
        }));
        return cmd;
    }

    static int Run(string dataPath, MetaOptions meta, int filters, long steps, double lr, long warmup, string[]? testAlphabets,
        int validationEpisodes, ulong seed, string outDir, bool resume, long every, TimeSpan? timeLimit, int? threads, bool json)
    {
        TorchRuntime.EnsureLoaded();
        if (threads is { } t) TorchSharp.torch.set_num_threads(t > 0 ? t : throw new CliUsageException($"--threads must be positive, got {t}."));
        string checkpoint = Path.Combine(outDir, "model.ckpt");
        if (resume && !File.Exists(checkpoint)) throw new CliUsageException($"--resume: {checkpoint} does not exist; train once without --resume (same --out) first.");
        if (!resume && File.Exists(checkpoint)) throw new CliUsageException($"{checkpoint} already exists: add --resume to continue that run, or give another --out.");
        if (validationEpisodes < 0) throw new CliUsageException("--validation-episodes must be ≥ 0.");

        var data = OmniglotDataset.Load(dataPath);
        var split = OmniglotSplit.ByAlphabet(data, testAlphabets);
        var train = new EpisodeSampler(data, split.Train);
        var test = new EpisodeSampler(data, split.Test);
        train.CheckShape(meta.Ways, meta.Shots, meta.Queries);
        var config = new ConvNetConfig(meta.Ways, filters, 4, data.ImageSize).Validate();
        List<Episode>? validation = null;
        if (validationEpisodes > 0 && split.Test.Count > 0)
        {
            test.CheckShape(meta.Ways, meta.Shots, meta.Queries);
            var rng = new SplitMix64(SplitMix64.Mix(seed ^ 0x5EED));
            validation = Enumerable.Range(0, validationEpisodes).Select(_ => test.Sample(meta.Ways, meta.Shots, meta.Queries, rng)).ToList();
        }
        using var model = new ConvNet(config, seed);
        var options = new TrainingOptions
        {
            Steps = steps, LearningRate = lr, WarmupSteps = warmup, WeightDecay = 0, ClipNorm = 10, Seed = seed,
            TimeLimit = timeLimit, ValidateEvery = every, CheckpointEvery = every,
            CheckpointPath = checkpoint, MetricsPath = Path.Combine(outDir, "metrics.jsonl"),
        };
        Directory.CreateDirectory(outDir);
        long startStep = resume ? CheckpointFile.ReadHeader(checkpoint).Step : 0;
        using var cancel = ConsoleCancellation.Listen();
        ITrainingObserver[] curves = [new Helix.Plots.TrainingCurvesWriter(options.MetricsPath!, Path.Combine(outDir, "curves.png"), "meta")];
        MetaTrainingResult result;
        if (json) result = MetaTraining.Run(model, train, validation, meta, options, resume ? checkpoint : null, null, cancel.Token, curves);
        else
        {
            AnsiConsole.MarkupLineInterpolated($"[grey]meta train:[/] {meta.Estimator}, {meta.Ways}-way {meta.Shots}-shot, r = {meta.InnerSteps}, α = {meta.InnerStepSize}; {split.Train.Count} training characters (×4 rotations), {split.Test.Count} held out; output {outDir}{(startStep > 0 ? $", resuming at step {startStep}" : "")}");
            MetaTrainingResult? r = null;
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("meta-training", maxValue: steps);
                    task.Value = startStep;
                    var progress = new SyncProgress<TrainingProgress>(pr =>
                    {
                        task.Value = pr.Step;
                        var v = pr.Validation is { } val ? $" held-out acc {val.Accuracy:P1}" : "";
                        task.Description = $"step {pr.Step} loss {pr.SmoothedLoss:F3} acc {pr.SmoothedAccuracy:P1}{v}";
                    });
                    r = MetaTraining.Run(model, train, validation, meta, options, resume ? checkpoint : null, progress, cancel.Token, curves);
                });
            result = r!;
        }
        var last = result.Training.Validations.LastOrDefault();
        var report = new JsonObject
        {
            ["estimator"] = meta.Estimator.ToString(), ["ways"] = meta.Ways, ["shots"] = meta.Shots, ["innerSteps"] = meta.InnerSteps,
            ["startStep"] = result.Training.StartStep, ["finalStep"] = result.Training.FinalStep, ["stoppedEarly"] = result.Training.StoppedEarly,
            ["finalTrainLoss"] = result.Training.Losses.Count > 0 ? result.Training.Losses[^1] : null,
            ["heldOutAccuracy"] = last?.Accuracy, ["heldOutLoss"] = last?.Loss,
            ["tasks"] = result.Tasks, ["exactDraws"] = result.ExactDraws, ["gradientEvaluations"] = result.GradientEvaluations,
            ["finalProbability"] = result.FinalProbability, ["elapsedSeconds"] = Math.Round(result.Training.Elapsed.TotalSeconds, 1),
            ["checkpoint"] = checkpoint, ["testAlphabets"] = new JsonArray(split.Test.Select(i => data.Characters[i].Alphabet).Distinct().Select(a => (JsonNode)a!).ToArray()),
        };
        AtomicFile.WriteAllText(Path.Combine(outDir, "report.json"), report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        if (json) { Console.WriteLine(report.ToJsonString()); return 0; }
        string early = result.Training.StoppedEarly ? " (stopped early; --resume continues)" : "";
        AnsiConsole.MarkupLineInterpolated($"steps {result.Training.StartStep} → {result.Training.FinalStep}{early}; held-out accuracy {(last == null ? "n/a" : last.Accuracy.ToString("P1", CultureInfo.InvariantCulture))}; exact draws {result.ExactDraws}/{result.Tasks}, q now {result.FinalProbability:F3}; {result.Training.Elapsed.TotalSeconds:F0} s");
        AnsiConsole.MarkupLineInterpolated($"checkpoint {checkpoint}; metrics.jsonl, curves.png and report.json beside it");
        return result.Training.StoppedEarly && cancel.Token.IsCancellationRequested ? 130 : 0;
    }
}
