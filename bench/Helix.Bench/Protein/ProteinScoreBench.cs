using System.Diagnostics;
using System.Globalization;
using Helix.Attention;
using Helix.Bench.Infrastructure;
using Helix.Core;
using Helix.Proteins.Inference;
using Helix.Proteins.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Bench.Protein;

/// <summary>
/// `helix bench protein score`: pseudo-log-likelihood scoring of one protein, one masked copy per forward pass (the
/// reference path) against batched copies, in the same process and run, on the main job's model shape.
/// </summary>
public static class ProteinScoreBench
{
    /// <summary>Measures each batching, writes the BENCHMARKS.md section and returns the Markdown table.</summary>
    public static string Run(int residues, int threads, ulong seed, string outputRoot, string commandLine)
    {
        torch.set_num_threads(threads);
        random.manual_seed((long)seed);
        var config = new Helix.Proteins.Jobs.ProteinTrainingOptions().Model with { Dropout = 0 };
        using var lm = ProteinLanguageModel.From(new PerformerLM(config.ToPerformerConfig()), config);
        var rng = new SplitMix64(seed);
        var seq = new string(Enumerable.Range(0, residues).Select(_ => "ACDEFGHIKLMNPQRSTVWY"[rng.NextInt(20)]).ToArray());
        var table = new ResultTable("masked copies per pass", "wall ms / residue", "CPU ms / residue", "CPU speed-up vs one per pass", "max |Δ ln p| vs one per pass");
        double[]? reference = null;
        double referenceCpu = 0;
        foreach (var options in new[] { new ScoreOptions { BatchSize = 1 }, new ScoreOptions { BatchSize = 32 }, new ScoreOptions() })
        {
            var process = Process.GetCurrentProcess();
            var cpu0 = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var s = lm.Score(seq, options);
            double wall = clock.Elapsed.TotalMilliseconds / residues;
            process.Refresh();
            double cpu = (process.TotalProcessorTime - cpu0).TotalMilliseconds / residues;
            reference ??= s.PerResidue.ToArray();
            if (referenceCpu == 0) referenceCpu = cpu;
            double maxDiff = s.PerResidue.Select((v, i) => Math.Abs(v - reference[i])).Max();
            int perPass = options.BatchSize > 0 ? options.BatchSize : options.TokensPerPass / Math.Min(config.MaxLength, residues + 2);
            table.Add(perPass == 1 ? "1 (reference)" : $"{perPass}{(options.BatchSize == 0 ? " (default)" : "")}", wall, cpu, referenceCpu / cpu, maxDiff);
            Console.WriteLine(string.Join("  ", table.Rows[^1]));
        }
        var body = $"""
            ## Protein scoring: masked copies batched per forward pass (`helix bench protein score`)

            Regenerate: `{commandLine}` ({DateTime.UtcNow:yyyy-MM-dd}). One random {residues}-residue protein scored by
            pseudo-log-likelihood (every residue masked alone, in the {config.MaxLength}-token window centred on it) with the
            main job's model shape (dim {config.Dim}, depth {config.Depth}, {config.Heads} heads, {config.Mechanism} attention,
            {config.Position} positions; untrained weights: the cost does not depend on them), {threads} libtorch threads,
            all rows in the same process and run. The machine was shared with other engineers' builds and training, so the
            ratios matter, not the absolute times.

            {table.ToMarkdown()}
            """;
        BenchmarksMarkdown.ReplaceSection(Path.Combine(outputRoot, "BENCHMARKS.md"), "protein-score", body);
        return table.ToMarkdown();
    }
}
