using System.CommandLine;
using System.Globalization;
using Helix.Attention;

namespace Helix.Bench.Protein;

/// <summary>`helix bench protein` and its hidden `point` subcommand (one trained model per child process).</summary>
public static class ProteinBenchCommand
{
    public static Command Create()
    {
        var d = new ProteinBenchOptions();
        var budget = new Option<double>("--budget-minutes") { Description = "Training wall-clock budget per model (the issue's full run: 30).", DefaultValueFactory = _ => d.Budget.TotalMinutes };
        var lengths = new Option<string>("--lengths") { Description = "Comma-separated window lengths (one cropped protein per row).", DefaultValueFactory = _ => string.Join(",", d.Lengths) };
        var concat = new Option<int>("--concat-length") { Description = "Window length of the concatenated run (0: skip).", DefaultValueFactory = _ => d.ConcatenatedLength };
        var shape = ShapeOptions(d);
        var memCap = new Option<double>("--memory-cap-gib") { Description = "Stop a model whose process passes this resident memory (GiB).", DefaultValueFactory = _ => d.MemoryCapBytes / (double)(1L << 30) };
        var output = new Option<string>("--out") { Description = "Folder that receives BENCHMARKS.md and docs/bench/protein.{csv,png} (default: the repository root).", DefaultValueFactory = _ => "" };
        var cmd = new Command("protein", "Performer vs exact masked protein LMs trained for the same wall-clock budget at several L (one process per model).");
        foreach (var opt in new Option[] { budget, lengths, concat, memCap, output }.Concat(shape.All)) cmd.Options.Add(opt);
        cmd.SetAction(p =>
        {
            double minutes = p.GetValue(budget);
            if (!(minutes > 0)) throw new ArgumentException($"--budget-minutes must be > 0, got {minutes}");
            var o = shape.Read(p, d) with
            {
                Budget = TimeSpan.FromMinutes(minutes),
                Lengths = ParseLengths(p.GetValue(lengths)!),
                ConcatenatedLength = Math.Max(0, p.GetValue(concat)),
                MemoryCapBytes = (long)(p.GetValue(memCap) * (1L << 30)),
                OutputRoot = p.GetValue(output) is { Length: > 0 } dir ? dir : Infrastructure.BenchmarksMarkdown.FindRepoRoot(),
                CommandLine = "./helix " + string.Join(" ", WithoutOut(Environment.GetCommandLineArgs().Skip(1).ToList())),
            };
            var results = ProteinBenchmark.Run(o, new Line());
            Console.WriteLine($"wrote {Path.Combine(o.OutputRoot, "BENCHMARKS.md")} (protein), docs/bench/protein.csv and docs/bench/protein.png ({results.Count} models)");
            return 0;
        });
        cmd.Subcommands.Add(CreatePoint(d));
        cmd.Subcommands.Add(CreateCurves());
        cmd.Subcommands.Add(CreateScore());
        var split = new Command("split", "The homology split against the id split: k-mer leak of each held-out set and the lookup cheat at several context widths (default corpus, minutes).");
        split.SetAction(_ => { ProteinSplitBench.Run(Console.Out); return 0; });
        cmd.Subcommands.Add(split);
        return cmd;
    }

    static Command CreatePoint(ProteinBenchOptions d)
    {
        var mechanism = new Option<string>("--mechanism") { Required = true };
        var length = new Option<int>("--length") { Required = true };
        var concatenated = new Option<bool>("--concatenated");
        var budget = new Option<double>("--budget-seconds") { Required = true };
        var metrics = new Option<string>("--metrics") { Required = true };
        var shape = ShapeOptions(d);
        var cmd = new Command("point", "Train and score one model (internal).") { Hidden = true };
        foreach (var opt in new Option[] { mechanism, length, concatenated, budget, metrics }.Concat(shape.All)) cmd.Options.Add(opt);
        cmd.SetAction(p =>
        {
            var m = Enum.Parse<AttentionMechanism>(p.GetValue(mechanism)!, ignoreCase: true);
            ProteinBenchmark.RunPoint(m, p.GetValue(length), p.GetValue(concatenated), TimeSpan.FromSeconds(p.GetValue(budget)), shape.Read(p, d), p.GetValue(metrics)!);
            return 0;
        });
        return cmd;
    }

    static Command CreateScore()
    {
        var residues = new Option<int>("--residues") { Description = "Length of the scored protein.", DefaultValueFactory = _ => 1000 };
        var threads = new Option<int>("--threads") { Description = "libtorch threads.", DefaultValueFactory = _ => 2 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the model and the protein.", DefaultValueFactory = _ => 1 };
        var rounds = new Option<int>("--rounds") { Description = "Interleaved rounds; the least CPU time per row is kept.", DefaultValueFactory = _ => 2 };
        var output = new Option<string>("--out") { Description = "Folder that receives BENCHMARKS.md (default: the repository root).", DefaultValueFactory = _ => "" };
        var cmd = new Command("score", "protein score: one masked copy per forward pass against batched copies, side by side in one run.");
        foreach (var o in new Option[] { residues, threads, seed, rounds, output }) cmd.Options.Add(o);
        cmd.SetAction(p =>
        {
            var root = p.GetValue(output) is { Length: > 0 } dir ? dir : Infrastructure.BenchmarksMarkdown.FindRepoRoot();
            var line = "./helix " + string.Join(" ", WithoutOut(Environment.GetCommandLineArgs().Skip(1).ToList()));
            Console.WriteLine(ProteinScoreBench.Run(Positive(p.GetValue(residues), "--residues"), Positive(p.GetValue(threads), "--threads"), p.GetValue(seed), Positive(p.GetValue(rounds), "--rounds"), root, line));
            return 0;
        });
        return cmd;
    }

    static Command CreateCurves()
    {
        var runs = new Option<string[]>("--run") { Description = "NAME=FOLDER of a `helix protein train` run (repeat).", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out") { Description = "Folder for recipes.csv and recipes.png.", DefaultValueFactory = _ => Path.Combine("docs", "protein") };
        var cmd = new Command("curves", "Honest validation curves of several protein training runs against the unigram baseline (CSV, PNG, Markdown table).");
        cmd.Options.Add(runs);
        cmd.Options.Add(output);
        cmd.SetAction(p =>
        {
            var list = p.GetValue(runs)!.Select(r => r.Split('=', 2) is [var n, var f] ? new ProteinRecipeCurves.Run(n, f)
                : throw new ArgumentException($"--run: '{r}' is not NAME=FOLDER")).ToList();
            Console.WriteLine(ProteinRecipeCurves.Write(list, p.GetValue(output)!));
            return 0;
        });
        return cmd;
    }

    /// <summary>Options shared by the parent and the child: the model shape, batch, data and threads.</summary>
    sealed record Shape(Option<int> Dim, Option<int> Depth, Option<int> Heads, Option<int> Features, Option<int> BatchTokens,
        Option<int> EvalProteins, Option<ulong> Seed, Option<int> Threads, Option<string?> Data)
    {
        public Option[] All => new Option[] { Dim, Depth, Heads, Features, BatchTokens, EvalProteins, Seed, Threads, Data };

        public ProteinBenchOptions Read(ParseResult p, ProteinBenchOptions d) => d with
        {
            Dim = Positive(p.GetValue(Dim), "--dim"), Depth = Positive(p.GetValue(Depth), "--depth"), Heads = Positive(p.GetValue(Heads), "--heads"),
            Features = Positive(p.GetValue(Features), "--features"), BatchTokens = Positive(p.GetValue(BatchTokens), "--batch-tokens"),
            EvalProteins = Positive(p.GetValue(EvalProteins), "--eval-proteins"), Seed = p.GetValue(Seed), Threads = Positive(p.GetValue(Threads), "--threads"),
            DataPath = p.GetValue(Data),
        };
    }

    static Shape ShapeOptions(ProteinBenchOptions d) => new(
        new Option<int>("--dim") { Description = "Model width.", DefaultValueFactory = _ => d.Dim },
        new Option<int>("--depth") { Description = "Layers.", DefaultValueFactory = _ => d.Depth },
        new Option<int>("--heads") { Description = "Attention heads.", DefaultValueFactory = _ => d.Heads },
        new Option<int>("--features") { Description = "FAVOR+ random features.", DefaultValueFactory = _ => d.Features },
        new Option<int>("--batch-tokens") { Description = "Tokens per batch (rows = this / L).", DefaultValueFactory = _ => d.BatchTokens },
        new Option<int>("--eval-proteins") { Description = "Test proteins scored after training.", DefaultValueFactory = _ => d.EvalProteins },
        new Option<ulong>("--seed") { Description = "Seed shared by all models.", DefaultValueFactory = _ => d.Seed },
        new Option<int>("--threads") { Description = "libtorch threads per model.", DefaultValueFactory = _ => d.Threads },
        new Option<string?>("--data") { Description = "Training FASTA (default: the mmseqs2-examples corpus)." });

    /// <summary>The arguments without `--out FOLDER` (the regenerate line is run from the repository root).</summary>
    static IEnumerable<string> WithoutOut(List<string> args)
    {
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == "--out") { i++; continue; }
            if (!args[i].StartsWith("--out=", StringComparison.Ordinal)) yield return args[i];
        }
    }

    static int Positive(int v, string name) => v > 0 ? v : throw new ArgumentException($"{name} must be > 0, got {v}");

    static IReadOnlyList<int> ParseLengths(string text)
    {
        var list = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) || l < 3)
                throw new ArgumentException($"--lengths: '{part}' is not a length ≥ 3 (example: --lengths 512,2048)");
            list.Add(l);
        }
        return list;
    }

    sealed class Line : IProgress<string>
    {
        public void Report(string value) => Console.WriteLine(value);
    }
}
