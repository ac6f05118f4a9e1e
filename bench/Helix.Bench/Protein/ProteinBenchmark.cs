using Helix.Torch;
using Helix.Core;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Helix.Attention;
using Helix.Bench.Infrastructure;
using Helix.Proteins.Batching;
using Helix.Proteins.Data;
using Helix.Proteins.Evaluation;
using Helix.Proteins.Masking;
using Helix.Proteins.Model;
using Helix.Proteins.Tokenization;
using Helix.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Bench.Protein;

/// <summary>
/// Performer vs exact masked protein LMs of equal size, from the same seed, each trained for the same wall-clock
/// budget in its own child process (so its peak memory is its own), then scored on the same held-out masks.
/// </summary>
public static class ProteinBenchmark
{
    const ulong EvalMaskSeed = 0x7E57;

    /// <summary>Runs every point and writes the table, CSV, plot and BENCHMARKS.md section.</summary>
    public static List<(string Name, ChildPointResult Result)> Run(ProteinBenchOptions o, IProgress<string> log)
    {
        var results = new List<(string, ChildPointResult)>();
        var runs = Path.Combine(o.OutputRoot, "runs", "bench-protein");
        foreach (var (mechanism, length, concatenated) in o.Points())
        {
            var name = PointName(mechanism, length, concatenated);
            log.Report($"{name}: training for {o.Budget.TotalMinutes:F1} min ...");
            var args = new List<string>
            {
                "bench", "protein", "point", "--mechanism", mechanism.ToString(), "--length", $"{length}",
                "--budget-seconds", o.Budget.TotalSeconds.ToString(CultureInfo.InvariantCulture),
                "--dim", $"{o.Dim}", "--depth", $"{o.Depth}", "--heads", $"{o.Heads}", "--features", $"{o.Features}",
                "--batch-tokens", $"{o.BatchTokens}", "--eval-proteins", $"{o.EvalProteins}", "--seed", $"{o.Seed}",
                "--threads", $"{o.Threads}", "--metrics", Path.Combine(runs, name + ".jsonl"),
            };
            if (concatenated) args.Add("--concatenated");
            if (o.DataPath != null) { args.Add("--data"); args.Add(o.DataPath); }
            // Loading, evaluation and start-up come on top of the training budget.
            var r = ChildPoint.Run(args, o.Budget + TimeSpan.FromMinutes(6), o.MemoryCapBytes);
            log.Report($"{name}: {r.Status} {(r.Result is { } j ? j.ToString() : r.Detail)}");
            results.Add((name, r));
        }
        Write(o, results, runs);
        return results;
    }

    static string PointName(AttentionMechanism m, int length, bool concatenated) =>
        $"{(m == AttentionMechanism.Favor ? "performer" : "exact")}-L{length}{(concatenated ? "-concat" : "")}";

    /// <summary>The child: trains one model for the budget, scores it, and prints its JSON line.</summary>
    public static void RunPoint(AttentionMechanism mechanism, int length, bool concatenated, TimeSpan budget, ProteinBenchOptions o, string metricsPath)
    {
        OpenMpWaitPolicy.PreferPassive();
        TorchRuntime.EnsureLoaded();
        torch.set_num_threads(o.Threads);
        var files = o.DataPath != null ? new CorpusFiles(o.DataPath, o.DataPath) : DefaultCorpus.Ensure();
        var all = TokenizedCorpus.Build(SequenceFile.Read(files.Database));
        // The id split its published table was measured on (a speed comparison of two models on the same proteins;
        // the main job's homology split would change its test proteins).
        var split = DatasetSplit.ById();
        var parts = split.Apply(all).Parts;
        var train = all.Where(i => parts[i] == SplitPart.Train);
        var testIds = Enumerable.Range(0, all.Count).Where(i => parts[i] == SplitPart.Test).Take(o.EvalProteins).ToHashSet();
        var test = all.Where(testIds.Contains);
        var masking = new MaskingOptions();
        int rows = Math.Max(1, o.BatchTokens / length);

        var config = new ProteinModelConfig
        {
            Dim = o.Dim, Depth = o.Depth, Heads = o.Heads, MaxLength = length, Mechanism = mechanism, NumFeatures = o.Features,
            Dropout = 0.1, RedrawEvery = 100, ProjectionSeed = (long)o.Seed,
        };
        random.manual_seed((long)o.Seed);
        using var model = ProteinModelFactory.Create(config);
        IBatchSource<ProteinBatch> source = concatenated
            ? new ConcatenatedBatchSource(train, rows, length, masking)
            : new CroppedBatchSource(train, rows, length, masking);
        // A long cosine horizon: within the budget the rate stays near its peak after warmup, equally for both models.
        var options = new TrainingOptions
        {
            Steps = 1_000_000, TimeLimit = budget, LearningRate = 1e-3, WarmupSteps = 30, ValidateEvery = 0, CheckpointEvery = 0,
            Seed = o.Seed, MetricsPath = metricsPath,
        };
        using var trainer = new Trainer<ProteinBatch>(model, options, source, (b, t) => MaskedLmObjective.Loss(model, b, t), afterStep: model.OnTrainingStep);
        var result = trainer.Run();
        var report = MlmEvaluator.Evaluate("test", model, test, new UnigramBaseline(train), rows, length, masking, EvalMaskSeed, concatenated);
        ChildPoint.Report(new Dictionary<string, object?>
        {
            ["mechanism"] = mechanism.ToString(), ["length"] = length, ["concatenated"] = concatenated, ["rows"] = rows,
            ["steps"] = result.FinalStep, ["trainSeconds"] = result.Elapsed.TotalSeconds, ["tokensPerSecond"] = result.TokensPerSecond,
            ["accuracy"] = report.Model.Accuracy, ["perplexity"] = report.Model.Perplexity, ["paperAccuracy"] = report.PaperStyle?.Accuracy,
            ["unigramAccuracy"] = report.Unigram.Accuracy, ["unigramPerplexity"] = report.Unigram.Perplexity, ["targets"] = report.Model.Targets,
            ["metrics"] = metricsPath,
        });
    }

    static void Write(ProteinBenchOptions o, List<(string Name, ChildPointResult R)> results, string runs)
    {
        var table = new ResultTable("model", "L", "mode", "status", "steps", "tokens/s", "peak memory (GiB)", "accuracy (all masked)", "perplexity (all masked)",
            "unigram accuracy", "unigram perplexity", "accuracy / unigram", "80/10/10 accuracy (paper style)");
        foreach (var (name, r) in results)
        {
            var j = r.Result;
            double Get(string k) => j is { } e && e.TryGetProperty(k, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.Number ? v.GetDouble() : double.NaN;
            var parts = name.Split('-');
            table.Add(parts[0], parts[1][1..], parts.Length > 2 ? "concatenated" : "cropped", r.Status == "ok" ? "ok" : $"{r.Status} ({r.Detail})",
                j is null ? null : (long)Get("steps"), Get("tokensPerSecond"), r.PeakBytes / (double)(1L << 30),
                Get("accuracy"), Get("perplexity"), Get("unigramAccuracy"), Get("unigramPerplexity"), Get("accuracy") / Get("unigramAccuracy"), Get("paperAccuracy"));
        }
        var docs = Path.Combine(o.OutputRoot, "docs", "bench");
        AtomicFile.WriteAllText(Path.Combine(docs, "protein.csv"), table.ToCsv());

        // Curves: smoothed training loss against training time, one panel per window length.
        var panels = results.GroupBy(x => x.Name.Split('-', 2)[1]).Select(g => (
            Title: g.Key.Replace("L", "L = ", StringComparison.Ordinal), XLabel: "training time (s)", YLabel: "training loss (moving average)",
            Series: (IReadOnlyList<Series>)g.Select(x => Curve(x.Name, Path.Combine(runs, x.Name + ".jsonl"))).OfType<Series>().ToList())).ToList();
        if (panels.Count > 0) SeriesPlot.SavePng(Path.Combine(docs, "protein.png"), panels, logX: false, logY: false);

        var body = new StringBuilder();
        body.AppendLine("## Protein masked-LM: Performer vs exact attention (`helix bench protein`)").AppendLine();
        body.AppendLine($"Regenerate: `{o.CommandLine}` ({o.Budget.TotalMinutes:F1} min of training per model, {Environment.ProcessorCount} cores, " +
            $"{o.Threads} libtorch threads, {DateTime.UtcNow:yyyy-MM-dd}). Models of equal size (dim {o.Dim}, depth {o.Depth}, {o.Heads} heads, " +
            $"FAVOR+ with {o.Features} features redrawn every 100 steps), the same seed and data order, {o.BatchTokens} tokens per batch, " +
            $"AdamW 1e-3 after 30 warmup steps. Scored on the same 15 % of positions of the first {o.EvalProteins} test-split proteins, " +
            "every scored residue masked in the input (the honest figure); the paper-style 80/10/10 accuracy on the same positions, where 10 % of them stay " +
            "visible, is the last column. The unigram baseline predicts from amino-acid frequencies. Each model runs in its own process, so the peak memory (VmHWM) is its own.").AppendLine();
        body.Append(table.ToMarkdown()).AppendLine();
        body.AppendLine("![training loss against time](docs/bench/protein.png)").AppendLine();
        body.AppendLine("The issue's full budget is 30 minutes per model: `./helix bench protein --budget-minutes 30` (about 3 hours for the six models).");
        BenchmarksMarkdown.ReplaceSection(Path.Combine(o.OutputRoot, "BENCHMARKS.md"), "protein", body.ToString());
    }

    static Series? Curve(string name, string metricsPath)
    {
        if (!File.Exists(metricsPath)) return null;
        var rs = MetricsLog.Read(metricsPath).Where(r => (string?)r["kind"] == "train").ToList();
        if (rs.Count == 0) return null;
        var x = rs.Select(r => (double)r["elapsedSeconds"]!).ToArray();
        var y = TrainingCurvePlot.MovingAverage(rs.Select(r => (double)r["loss"]!).ToArray(), Math.Max(1, rs.Count / 30));
        return new Series(name, x, y);
    }
}
