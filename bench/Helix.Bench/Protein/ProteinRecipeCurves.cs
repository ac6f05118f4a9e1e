using System.Globalization;
using System.Text;
using Helix.Bench.Infrastructure;
using Helix.Core;
using Helix.Proteins.Batching;
using Helix.Proteins.Data;
using Helix.Proteins.Evaluation;
using Helix.Proteins.Jobs;
using Helix.Proteins.Tokenization;
using Helix.Training;

namespace Helix.Bench.Protein;

/// <summary>
/// `helix bench protein curves`: the honest validation curves (every scored residue masked) of several
/// `helix protein train` runs, as ratios to the unigram baseline on the same positions, in one CSV, one PNG and a
/// Markdown table: the evidence for choosing the main job's recipe.
/// </summary>
public static class ProteinRecipeCurves
{
    /// <summary>One run: its label and folder (metrics.jsonl, model.ckpt, report.json).</summary>
    public sealed record Run(string Name, string Folder);

    /// <summary>Reads the runs, writes <c>recipes.csv</c> and <c>recipes.png</c> into <paramref name="outputFolder"/>, returns the Markdown table.</summary>
    public static string Write(IReadOnlyList<Run> runs, string outputFolder, int validationProteins = 100)
    {
        var unigrams = new Dictionary<string, MlmScore>();
        var csv = new StringBuilder("run,step,tokens,elapsed_seconds,process_cpu_seconds,val_loss,val_accuracy,val_perplexity,unigram_accuracy,unigram_perplexity\n");
        var ppl = new List<Series>();
        var acc = new List<Series>();
        var table = new ResultTable("run", "steps", "tokens (M)", "CPU s", "val. accuracy", "unigram", "acc. ratio", "val. perplexity", "unigram", "ppl. ratio", "best ppl. ratio");
        // A run stopped before its first checkpoint has no config of its own: it takes the data settings of another run.
        var fallback = runs.Select(r => Path.Combine(r.Folder, "model.ckpt")).FirstOrDefault(File.Exists)
            ?? throw new ArgumentException("none of the runs has a model.ckpt to read the data settings from");
        foreach (var run in runs)
        {
            var ckpt = Path.Combine(run.Folder, "model.ckpt");
            var config = ProteinRunConfig.Read(File.Exists(ckpt) ? ckpt : fallback);
            var key = $"{config.Data.Path}|{config.Data.Length}|{config.Data.BatchSize}|{config.Data.Masking}|{config.Data.Concatenated}";
            if (!unigrams.TryGetValue(key, out var unigram)) unigrams[key] = unigram = ValidationUnigram(config, validationProteins);
            var records = MetricsLog.Read(Path.Combine(run.Folder, "metrics.jsonl")).ToList();
            var train = records.Where(r => (string?)r["kind"] == "train").ToDictionary(r => (long)r["step"]!);
            var val = records.Where(r => (string?)r["kind"] == "validation").ToList();
            var xs = new List<double>();
            var ps = new List<double>();
            var accs = new List<double>();
            foreach (var v in val)
            {
                long step = (long)v["step"]!;
                train.TryGetValue(step, out var t);
                double loss = (double)v["loss"]!, a = (double)v["accuracy"]!, p = Math.Exp(loss);
                csv.Append(CultureInfo.InvariantCulture, $"{run.Name},{step},{(long?)t?["tokens"]},{(double?)t?["elapsedSeconds"]},{(double?)t?["processCpuSeconds"]},{loss:R},{a:R},{p:R},{unigram.Accuracy:R},{unigram.Perplexity:R}\n");
                xs.Add(step); ps.Add(p / unigram.Perplexity); accs.Add(a / unigram.Accuracy);
            }
            if (val.Count == 0) continue;
            var last = val[^1];
            long lastStep = (long)last["step"]!;
            train.TryGetValue(lastStep, out var lt);
            table.Add(run.Name, lastStep, ((long?)lt?["tokens"] ?? 0) / 1e6, (double?)lt?["processCpuSeconds"], (double)last["accuracy"]!, unigram.Accuracy,
                accs[^1], ps[^1] * unigram.Perplexity, unigram.Perplexity, ps[^1], ps.Min());
            ppl.Add(new Series(run.Name, xs, ps));
            acc.Add(new Series(run.Name, xs, accs));
        }
        if (ppl.Count > 0)
        {
            double maxStep = ppl.Max(s => s.X.Max());
            var one = new Series("unigram", new[] { 1.0, maxStep }, new[] { 1.0, 1.0 });
            SeriesPlot.SavePng(Path.Combine(outputFolder, "recipes.png"), new[]
            {
                ("Honest validation perplexity / unigram (lower is better)", "step", "perplexity ratio", (IReadOnlyList<Series>)ppl.Append(one).ToList()),
                ("Honest validation accuracy / unigram (higher is better)", "step", "accuracy ratio", (IReadOnlyList<Series>)acc.Append(one).ToList()),
            }, logX: false, logY: false);
        }
        AtomicFile.WriteAllText(Path.Combine(outputFolder, "recipes.csv"), csv.ToString());
        return table.ToMarkdown();
    }

    /// <summary>The unigram baseline on the run's validation positions (the job's validation set and mask seed).</summary>
    static MlmScore ValidationUnigram(ProteinRunConfig config, int validationProteins)
    {
        var all = TokenizedCorpus.Build(SequenceFile.Read(config.Data.Path));
        var split = config.Data.Split;
        var parts = all.Ids.Select(split.Assign).ToArray();
        var train = all.Where(i => parts[i] == SplitPart.Train);
        var validation = all.Where(i => parts[i] == SplitPart.Validation);
        var set = validation.Where(i => i < validationProteins);
        var batches = EvaluationBatches.Create(set, config.Data.BatchSize, config.Data.Length, config.Data.Masking,
            ProteinTrainingJob.ValidationMaskSeed, config.Data.Concatenated);
        return new UnigramBaseline(train).Score(batches);
    }
}
