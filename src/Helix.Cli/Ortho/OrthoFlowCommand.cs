using Helix.Cli.Hosting.Options;
using System.CommandLine;
using Helix.Orthogonal;

namespace Helix.Cli.Ortho;

/// <summary>`helix ortho flow`: options and their checks; the work is in <see cref="OrthoFlowRun"/>.</summary>
internal static class OrthoFlowCommand
{
    public static Command Create()
    {
        var problem = new Option<string>("--problem") { Description = "procrustes (min ‖XA − B‖² on O(d)), brockett (min −tr(XᵀCXN) on St(d, k)) or copy (the copying task, Q of the orthogonal RNN trained by the optimizer, the rest by Adam).", DefaultValueFactory = _ => "procrustes" };
        var optimizer = new Option<string>("--optimizer") { Description = "Comma-separated: givens, expm, cayley, qr, cwy-adam.", DefaultValueFactory = _ => "givens,expm,cayley,qr,cwy-adam" };
        var dim = new Option<int>("--dim") { Description = "d (copy: the hidden size N).", DefaultValueFactory = _ => 256 };
        var delay = new Option<int>("--delay") { Description = "copy: the delay T.", DefaultValueFactory = _ => 200 };
        var batch = new Option<int>("--batch-size") { Description = "copy: sequences per step.", DefaultValueFactory = _ => 32 };
        var adamLr = new Option<double>("--adam-lr") { Description = "copy: Adam's learning rate for the RNN's other weights.", DefaultValueFactory = _ => 1e-3 };
        var graph = new Option<string?>("--graph") { Description = "Graph of --matching Graph or RandomGraph: ring, or grid:RxC (R·C = d); those two matchings need it (default: none)." };
        var k = new Option<int>("--k") { Description = "Brockett columns k.", DefaultValueFactory = _ => 8 };
        var matching = new Option<MatchingKind>("--matching") { Description = "Givens matchings: UniformRandom, RoundRobin, Greedy, Graph or RandomGraph (with --graph).", DefaultValueFactory = _ => MatchingKind.UniformRandom };
        var lr = new Option<double>("--lr") { Description = "Learning rate of the dense baselines.", DefaultValueFactory = _ => 0.2 };
        var givensLr = new Option<double?>("--givens-lr") { Description = "Learning rate of the Givens flow (default: --lr)." };
        var momentum = new Option<double>("--momentum") { Description = "Givens momentum β.", DefaultValueFactory = _ => 0 };
        var steps = new Option<long>("--steps") { Description = "Steps at most per optimizer.", DefaultValueFactory = _ => 2000 };
        var target = new Option<double>("--target") { Description = "Stop at this relative error (f − f*)/(f₀ − f*).", DefaultValueFactory = _ => 1e-3 };
        var minutes = new TimeLimitOption("Time per optimizer");
        var seed = new Option<long>("--seed") { Description = "Seed of the problem and the matchings.", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "libtorch threads (0: default).", DefaultValueFactory = _ => 1 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for metrics.jsonl, curves.png and report.json.", DefaultValueFactory = _ => new DirectoryInfo("runs/ortho-flow") };
        var json = new Option<bool>("--json") { Description = "No progress bar; print the result as one JSON object." };
        var cmd = new Command("flow", "Optimize Procrustes or Brockett with the Givens-rotation flow and the expm, Cayley and QR baselines; loss against time.");
        foreach (var o in new Option[] { problem, optimizer, dim, k, matching, graph, lr, givensLr, momentum, steps, target, minutes, seed, threads, delay, batch, adamLr, output, json })
            cmd.Options.Add(o);
        cmd.SetAction(p => CliRunner.Guard(() =>
        {
            var prob = p.GetValue(problem)!.ToLowerInvariant();
            if (prob is not ("procrustes" or "brockett" or "copy"))
                throw new CliUsageException($"--problem {prob} is not one of procrustes, brockett, copy.");
            var names = p.GetValue(optimizer)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => n.ToLowerInvariant()).ToList();
            foreach (var n in names)
                if (!OrthogonalOptimizers.Names.Contains(n)) throw new CliUsageException($"--optimizer {n} is not one of {string.Join(", ", OrthogonalOptimizers.Names)}.");
            int d = p.GetValue(dim), kk = p.GetValue(k);
            if (d < 2) throw new CliUsageException($"--dim must be ≥ 2, got {d}.");
            if (prob == "brockett" && (kk < 1 || kk > d)) throw new CliUsageException($"--k must be between 1 and --dim, got {kk}.");
            IReadOnlyList<(int I, int J)>? edges = null;
            if (p.GetValue(matching) is MatchingKind.Graph or MatchingKind.RandomGraph)
            {
                var g = p.GetValue(graph) ?? throw new CliUsageException($"--matching {p.GetValue(matching)} needs --graph ring or --graph grid:RxC.");
                if (g == "ring") edges = Matchings.Ring(d);
                else if (g.StartsWith("grid:", StringComparison.Ordinal) && g[5..].Split('x') is [var rs, var cs] && int.TryParse(rs, out var rows) && int.TryParse(cs, out var cols) && rows > 0 && cols > 0 && rows * cols == d)
                    edges = Matchings.Grid(rows, cols);
                else throw new CliUsageException($"--graph {g} is not ring or grid:RxC with R·C = --dim ({d}).");
            }
            if (prob == "copy" && p.GetValue(matching) != MatchingKind.UniformRandom) throw new CliUsageException("--problem copy uses uniform random matchings.");
            double rate = p.GetValue(lr);
            if (!(rate > 0)) throw new CliUsageException("--lr must be positive.");
            var settings = new OrthoFlowRun.Settings(prob, names, d, kk, p.GetValue(matching), rate, p.GetValue(givensLr) ?? rate,
                p.GetValue(momentum), p.GetValue(steps), p.GetValue(target), minutes.Limit(p),
                p.GetValue(seed), p.GetValue(threads), p.GetValue(output)!.FullName, p.GetValue(json))
            {
                Graph = edges, Delay = Math.Max(1, p.GetValue(delay)), BatchSize = Math.Max(1, p.GetValue(batch)), AdamLr = p.GetValue(adamLr) > 0 ? p.GetValue(adamLr) : throw new CliUsageException("--adam-lr must be positive."),
            };
            if (prob == "copy") return OrthoFlowRun.RunCopy(settings);
            return OrthoFlowRun.Run(settings);
        }));
        return cmd;
    }
}
