using Helix.Cli.Hosting.Options;
using Helix.Torch;
using System.CommandLine;
using System.Text.Json;
using Helix.Attention;
using Helix.Proteins.Data;
using Helix.Proteins.Jobs;
using Helix.Proteins.Masking;
using Helix.Proteins.Model;
using Helix.Plots;
using Helix.Training;
using TorchSharp;

namespace Helix.Cli.Protein;

/// <summary>`helix protein train`: with no arguments, the main job (small FAVOR+ model, default corpus, ~10 min on 2 cores).</summary>
internal static class ProteinTrainCommand
{
    public static Command Create()
    {
        var defaults = new ProteinTrainingOptions();
        var m = defaults.Model;
        var t = defaults.Training;
        var data = new Option<string?>("--data") { Description = "Training FASTA or UniProt .dat file (plain or .gz). Default: the 20,000 UniProt sequences of mmseqs2-examples, fetched when missing." };
        var query = new Option<string?>("--query") { Description = "A second test set (default: QUERY.fasta.gz of the default corpus; none to skip)." };
        var output = new Option<string>("--out") { Description = "Run folder (checkpoint, metrics.jsonl, curves.png, report.json).", DefaultValueFactory = _ => defaults.OutputDirectory };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its checkpoint; the losses continue exactly as without the interruption." };
        var steps = new Option<long>("--steps") { Description = "Optimizer steps.", DefaultValueFactory = _ => t.Steps };
        var batch = new Option<int>("--batch-size") { Description = "Sequences (windows) per batch.", DefaultValueFactory = _ => defaults.BatchSize };
        var length = new Option<int>("--length", "-L") { Description = "Window length L (tokens, BOS and EOS included).", DefaultValueFactory = _ => m.MaxLength };
        var concatenated = new Option<bool>("--concatenated") { Description = "Pack proteins separated by EOS into windows of L (the paper's concatenated mode) instead of one cropped protein per row." };
        var attention = new Option<string>("--attention") { Description = "favor (Performer, FAVOR+ softmax features), relu (Performer-ReLU generalized kernel) or exact (softmax baseline).", DefaultValueFactory = _ => ProteinCli.MechanismName(m.Mechanism) };
        var position = new Option<string>("--position") { Description = "learned, sinusoidal or rotary positions.", DefaultValueFactory = _ => m.Position.ToString().ToLowerInvariant() };
        var dim = new Option<int>("--dim") { Description = "Model width.", DefaultValueFactory = _ => m.Dim };
        var depth = new Option<int>("--depth") { Description = "Layers.", DefaultValueFactory = _ => m.Depth };
        var heads = new Option<int>("--heads") { Description = "Attention heads.", DefaultValueFactory = _ => m.Heads };
        var localMix = new Option<int>("--local-mix") { Description = "Width of a depthwise convolution over neighbouring residues before each layer's attention (0: none; odd).", DefaultValueFactory = _ => m.LocalMixKernel };
        var contextNgram = new Option<int>("--context-ngram") { Description = "Rows of the hashed table of the N-Grammer-style context embedding: learned embeddings of the residues around each position, never its own (0: none).", DefaultValueFactory = _ => m.ContextNgramBuckets };
        var contextLoss = new Option<double>("--context-loss") { Description = "Weight of the context loss in training (with --context-ngram only): predicting every residue from its context embedding alone, added to the masked-LM loss (0: none).", DefaultValueFactory = _ => defaults.ContextLossWeight };
        var features = new Option<int>("--features") { Description = "FAVOR+ random features m.", DefaultValueFactory = _ => m.NumFeatures };
        var redraw = new Option<int>("--redraw-every") { Description = "Redraw FAVOR+ projections every N steps (0: fixed).", DefaultValueFactory = _ => m.RedrawEvery };
        var dropout = new Option<double>("--dropout") { Description = "Dropout.", DefaultValueFactory = _ => m.Dropout };
        var lr = new Option<double>("--lr") { Description = "Peak learning rate (AdamW).", DefaultValueFactory = _ => t.LearningRate };
        var warmup = new Option<long>("--warmup") { Description = "Linear warmup steps, then cosine decay.", DefaultValueFactory = _ => t.WarmupSteps };
        var weightDecay = new Option<double>("--weight-decay") { Description = "AdamW weight decay (matrices only).", DefaultValueFactory = _ => t.WeightDecay };
        var clip = new Option<double>("--clip") { Description = "Gradient-norm clipping (0: none).", DefaultValueFactory = _ => t.ClipNorm };
        var maskProb = new Option<double>("--mask-prob") { Description = "Share of residues chosen for the MLM loss (split 80/10/10 mask/random/keep).", DefaultValueFactory = _ => defaults.Masking.Probability };
        var maskFraction = new Option<double>("--mask-fraction") { Description = "Share of chosen residues replaced by MASK in training (the rest: --random-fraction random residues, then kept).", DefaultValueFactory = _ => defaults.Masking.MaskFraction };
        var randomFraction = new Option<double>("--random-fraction") { Description = "Share of chosen residues replaced by a random residue in training.", DefaultValueFactory = _ => defaults.Masking.RandomFraction };
        var seed = new Option<ulong>("--seed") { Description = "Seed of initialisation, data order, masking and dropout.", DefaultValueFactory = _ => t.Seed };
        var validateEvery = new Option<long>("--validate-every") { Description = "Validation interval in steps.", DefaultValueFactory = _ => t.ValidateEvery };
        var checkpointEvery = new Option<long>("--checkpoint-every") { Description = "Checkpoint interval in steps.", DefaultValueFactory = _ => t.CheckpointEvery };
        var timeLimit = new TimeLimitOption("Stop training after this long, with a checkpoint (--resume continues)", t.TimeLimit);
        var globins = new Option<string?>("--globins") { Description = "Labelled family FASTA (ids like HBA_HUMAN) for a third test set and embedding retrieval (default: the 630 globins of emboss-test, fetched when missing; none to skip)." };
        var shuffleProteins = new Option<int>("--shuffle-proteins") { Description = "Test proteins ranked against 6 shuffles by pseudo-log-likelihood (0: skip ranking and retrieval).", DefaultValueFactory = _ => defaults.ShuffleProteins };
        var split = new Option<string>("--split") { Description = "homology: whole clusters of proteins sharing a 10-mer go to one part, so no test protein has a close relative in training; id: each protein by a hash of its id (the old split, which leaks homologs into the test part).", DefaultValueFactory = _ => "homology" };
        var testProteins = new Option<int?>("--test-proteins") { Description = "Score only the first N test proteins (default: all)." };
        var threads = new Option<int>("--threads") { Description = "libtorch threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var json = new Option<bool>("--json") { Description = "Print progress and the report as JSON lines." };

        var cmd = new Command("train", "Train a masked protein language model (no arguments: the main job on the default corpus).");
        foreach (var o in new Option[] { data, query, output, resume, steps, batch, length, concatenated, attention, position, dim, depth, heads, localMix, contextNgram, contextLoss, features, redraw, dropout, lr, warmup, weightDecay, clip, maskProb, maskFraction, randomFraction, seed, validateEvery, checkpointEvery, timeLimit, globins, shuffleProteins, split, testProteins, threads, json })
            cmd.Options.Add(o);
        cmd.MapOptions((nameof(TrainingOptions.Steps), "--steps"), (nameof(TrainingOptions.LearningRate), "--lr"),
            (nameof(TrainingOptions.WarmupSteps), "--warmup"), (nameof(TrainingOptions.WeightDecay), "--weight-decay"),
            (nameof(TrainingOptions.ClipNorm), "--clip"), (nameof(TrainingOptions.ValidateEvery), "--validate-every"),
            (nameof(TrainingOptions.CheckpointEvery), "--checkpoint-every"), (nameof(TrainingOptions.TimeLimit), "--time-limit"),
            (nameof(ProteinTrainingOptions.BatchSize), "--batch-size"), (nameof(ProteinTrainingOptions.ShuffleProteins), "--shuffle-proteins"),
            (nameof(ProteinTrainingOptions.DataPath), "--data"), (nameof(ProteinTrainingOptions.QueryPath), "--query"),
            (nameof(ProteinTrainingOptions.GlobinPath), "--globins"), (nameof(ProteinTrainingOptions.OutputDirectory), "--out"),
            (nameof(ProteinTrainingOptions.TestProteins), "--test-proteins"),
            (nameof(MaskingOptions.Probability), "--mask-prob"), (nameof(MaskingOptions.MaskFraction), "--mask-fraction"),
            (nameof(MaskingOptions.RandomFraction), "--random-fraction"),
            (nameof(ProteinModelConfig.MaxLength), "--length"), (nameof(ProteinModelConfig.NumFeatures), "--features"),
            (nameof(ProteinModelConfig.Mechanism), "--attention"), (nameof(ProteinModelConfig.Position), "--position"),
            (nameof(ProteinModelConfig.Dim), "--dim"), (nameof(ProteinModelConfig.Depth), "--depth"), (nameof(ProteinModelConfig.Heads), "--heads"),
            (nameof(ProteinModelConfig.Dropout), "--dropout"), (nameof(ProteinModelConfig.RedrawEvery), "--redraw-every"),
            (nameof(ProteinModelConfig.LocalMixKernel), "--local-mix"), (nameof(ProteinModelConfig.ContextNgramBuckets), "--context-ngram"),
            (nameof(ProteinTrainingOptions.ContextLossWeight), "--context-loss"));
        cmd.SetAction(r =>
        {
            var options = defaults with
            {
                DataPath = r.GetValue(data), QueryPath = r.GetValue(query), OutputDirectory = r.GetValue(output)!, Resume = r.GetValue(resume),
                BatchSize = r.GetValue(batch), ContextLossWeight = r.GetValue(contextLoss), Concatenated = r.GetValue(concatenated), TestProteins = r.GetValue(testProteins), GlobinPath = r.GetValue(globins), ShuffleProteins = r.GetValue(shuffleProteins),
                Masking = new MaskingOptions(r.GetValue(maskProb), r.GetValue(maskFraction), r.GetValue(randomFraction)),
                Split = r.GetValue(split)!.ToLowerInvariant() switch
                {
                    "homology" => defaults.Split,
                    "id" => DatasetSplit.ById(defaults.Split.ValidationFraction, defaults.Split.TestFraction),
                    var other => throw new ArgumentException($"--split: '{other}' is not a split; use homology or id."),
                },
                Model = m with
                {
                    Mechanism = ProteinCli.ParseMechanism(r.GetValue(attention)!), Position = ProteinCli.ParsePosition(r.GetValue(position)!), Dim = r.GetValue(dim), Depth = r.GetValue(depth),
                    Heads = r.GetValue(heads), LocalMixKernel = r.GetValue(localMix), ContextNgramBuckets = r.GetValue(contextNgram), NumFeatures = r.GetValue(features), RedrawEvery = r.GetValue(redraw),
                    Dropout = r.GetValue(dropout), MaxLength = r.GetValue(length),
                },
                Training = t with
                {
                    Steps = r.GetValue(steps), LearningRate = r.GetValue(lr), WarmupSteps = r.GetValue(warmup), WeightDecay = r.GetValue(weightDecay),
                    ClipNorm = r.GetValue(clip), Seed = r.GetValue(seed), ValidateEvery = r.GetValue(validateEvery),
                    CheckpointEvery = r.GetValue(checkpointEvery),
                    TimeLimit = timeLimit.Limit(r),
                },
            };
            int nThreads = r.GetValue(threads);
            if (nThreads < 1) throw new ArgumentException($"--threads must be ≥ 1, got {nThreads}");
            return Run(options, nThreads, r.GetValue(json));
        });
        return cmd;
    }

    static int Run(ProteinTrainingOptions options, int threads, bool json)
    {
        OpenMpWaitPolicy.PreferPassive();
        TorchRuntime.EnsureLoaded();
        torch.set_num_threads(threads);
        using var ctrlC = ConsoleCancellation.Listen();
        ITrainingObserver[] curves = [new TrainingCurvesWriter(options.MetricsPath, options.PlotPath, "protein")];
        var report = json ? RunJson(options, curves, ctrlC.Token) : RunRendered(options, curves, ctrlC.Token);
        if (json) Console.WriteLine(JsonSerializer.Serialize(new { kind = "report", report }));
        else ProteinCli.PrintReport(report);
        return 0;
    }

    static ProteinTrainingResult RunJson(ProteinTrainingOptions options, ITrainingObserver[] curves, CancellationToken cancel) =>
        ProteinTrainingJob.Run(options, new JsonProgress(), cancel, curves);

    static ProteinTrainingResult RunRendered(ProteinTrainingOptions options, ITrainingObserver[] curves, CancellationToken cancel)
    {
        if (!LiveProgress.IsLive) return ProteinTrainingJob.Run(options, new LineProgress(), cancel, curves);
        return LiveProgress.Run(view =>
        {
            LiveTask? train = null, eval = null;
            return ProteinTrainingJob.Run(options, new Callback(e =>
            {
                if (e.Message != null) view.WriteLine(e.Message, "grey");
                if (e.Training is { } p)
                {
                    train ??= view.AddTask("training", p.TotalSteps);
                    train.Value = p.Step;
                    train.Description = ProteinCli.ProgressLine(p);
                    if (p.Validation is { } v)
                        view.WriteLine($"step {v.Step}: validation (every scored residue masked) loss {v.Loss:F3}, accuracy {v.Accuracy:P1}, perplexity {v.Perplexity:F2}", "blue");
                }
                if (e.Fraction is { } f)
                {
                    if (eval == null || eval.IsFinished && f < 1) eval = view.AddTask("evaluating", 1);
                    eval.Value = f;
                }
            }), cancel, curves);
        });
    }

    /// <summary>Plain lines for logs and pipes: status lines, every validation, and every 25th step.</summary>
    sealed class LineProgress : IProgress<ProteinJobEvent>
    {
        public void Report(ProteinJobEvent e)
        {
            if (e.Message != null) Console.WriteLine(e.Message);
            if (e.Training is { } p)
            {
                if (p.Step % 25 == 0 || p.Step == 1) Console.WriteLine(ProteinCli.ProgressLine(p));
                if (p.Validation is { } v) Console.WriteLine($"step {v.Step}: validation (every scored residue masked) loss {v.Loss:F3}, accuracy {v.Accuracy:P1}, perplexity {v.Perplexity:F2}");
            }
        }
    }

    sealed class JsonProgress : IProgress<ProteinJobEvent>
    {
        public void Report(ProteinJobEvent e)
        {
            if (e.Message != null) Console.WriteLine(JsonSerializer.Serialize(new { kind = "status", message = e.Message }));
            if (e.Training is { } p) Console.WriteLine(JsonSerializer.Serialize(new
            {
                kind = "step", step = p.Step, totalSteps = p.TotalSteps, loss = p.Loss, accuracy = p.Accuracy, lr = p.LearningRate,
                tokensPerSecond = p.TokensPerSecond, etaSeconds = p.Eta?.TotalSeconds,
                validation = p.Validation is { } v ? new { v.Loss, v.Accuracy, v.Perplexity } : null,
            }));
        }
    }

    sealed class Callback(Action<ProteinJobEvent> action) : IProgress<ProteinJobEvent>
    {
        public void Report(ProteinJobEvent value) => action(value);
    }
}
