using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Helix.Bilevel.Estimators;
using Helix.Bilevel.Toy;
using Helix.Core;
using ScottPlot;
using Spectre.Console;

namespace Helix.Cli.Meta;

/// <summary>`helix meta toy`: the paper's 1-D counterexample, where FOM converges to the wrong point.</summary>
internal static class MetaToyCommand
{
    static readonly string[] Estimators = { "fom", "ufom:0.1", "ufom:0.2", "ufom:0.5", "ufom:0.9", "ufom:auto", "exact" };

    public static Command Create()
    {
        var steps = new Option<long>("--steps") { Description = "Outer SGD steps per estimator (both tasks per step).", DefaultValueFactory = _ => 1_000_000 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the ξ draws.", DefaultValueFactory = _ => 1 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for toy.png and toy.csv.", DefaultValueFactory = _ => new DirectoryInfo("runs/meta-toy") };
        var json = new Option<bool>("--json") { Description = "Print the result as one JSON object." };
        var cmd = new Command("toy", "The counterexample of Likhosherstov et al. (r = 10, α = 0.1, a = (0.5, 1.5), b = (0, 10)): FOM stops at 3.3106, UFOM and exact reach θ* = 1.6328.");
        foreach (var o in new Option[] { steps, seed, output, json }) cmd.Options.Add(o);
        cmd.SetAction(p => MetaCli.Guard(() => Run(p.GetValue(steps), p.GetValue(seed), p.GetValue(output)!.FullName, p.GetValue(json))));
        return cmd;
    }

    static int Run(long steps, ulong seed, string outDir, bool json)
    {
        var problem = ToyProblem.Paper();
        double star = ToyProblem.Root(problem.MetaGradient), fomPoint = ToyProblem.Root(problem.MeanFirstOrder);
        var options = new ToyRunOptions { Steps = steps, Seed = seed };
        var results = new List<ToyRunResult>();
        foreach (var e in Estimators) results.Add(ToyRun.Run(problem, EstimatorSpec.Parse(e), options));
        Directory.CreateDirectory(outDir);
        var csv = Path.Combine(outDir, "toy.csv");
        AtomicFile.WriteText(csv, w =>
        {
            w.WriteLine("estimator,step,cost,theta,abs_dM_dtheta");
            foreach (var r in results)
                foreach (var pt in r.Trajectory)
                    w.WriteLine(string.Join(',', r.Estimator, pt.Step, pt.Cost.ToString("R", CultureInfo.InvariantCulture),
                        pt.Theta.ToString("R", CultureInfo.InvariantCulture), pt.MetaGradientNorm.ToString("R", CultureInfo.InvariantCulture)));
        });
        var png = Path.Combine(outDir, "toy.png");
        Plot(png, results, star, fomPoint);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                thetaStar = star, fomFixedPoint = fomPoint, steps,
                runs = results.Select(r => new { estimator = r.Estimator.ToString(), theta = r.Theta, absMetaGradient = r.MetaGradientNorm, cost = r.Cost, exactFraction = r.ExactFraction }),
                csv, png,
            }));
            return 0;
        }
        AnsiConsole.MarkupLineInterpolated($"θ* (dM/dθ = 0) = {star:F4}; FOM's fixed point = {fomPoint:F4}; {steps} steps each, Polyak average of the second half");
        var table = new Table().AddColumns("estimator", "θ", "|θ − θ*|", "|dM/dθ|", "exact draws", "cost (grad evals)");
        foreach (var r in results)
            table.AddRow(r.Estimator.ToString(), r.Theta.ToString("F4", CultureInfo.InvariantCulture), Math.Abs(r.Theta - star).ToString("E2", CultureInfo.InvariantCulture),
                r.MetaGradientNorm.ToString("E2", CultureInfo.InvariantCulture), r.ExactFraction.ToString("P1", CultureInfo.InvariantCulture),
                r.Cost.ToString("E3", CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"wrote {png} and {csv}");
        return 0;
    }

    static void Plot(string path, List<ToyRunResult> results, double star, double fomPoint)
    {
        var multi = new Multiplot();
        multi.AddPlots(2);
        multi.Layout = new ScottPlot.MultiplotLayouts.Columns();
        var left = multi.GetPlot(0);
        var right = multi.GetPlot(1);
        foreach (var r in results)
        {
            var pts = r.Trajectory.Where(p => p.Cost > 0).ToArray();
            var xs = pts.Select(p => Math.Log10(p.Cost)).ToArray();
            var a = left.Add.Scatter(xs, pts.Select(p => p.Theta).ToArray());
            a.LegendText = r.Estimator.ToString();
            a.MarkerSize = 0;
            a.LineWidth = 2;
            var b = right.Add.Scatter(xs, pts.Select(p => Math.Log10(Math.Max(p.MetaGradientNorm, 1e-12))).ToArray());
            b.LegendText = r.Estimator.ToString();
            b.MarkerSize = 0;
            b.LineWidth = 2;
        }
        left.Add.HorizontalLine(star).LegendText = $"θ* = {star:F4}";
        left.Add.HorizontalLine(fomPoint).LegendText = $"FOM fixed point {fomPoint:F4}";
        left.Title("θ (running average) vs cost");
        left.XLabel("log10 gradient evaluations");
        left.YLabel("θ");
        right.Title("|dM/dθ| vs cost");
        right.XLabel("log10 gradient evaluations");
        right.YLabel("log10 |dM/dθ|");
        left.ShowLegend(Alignment.UpperRight);
        right.ShowLegend(Alignment.LowerLeft);
        AtomicFile.Write(path, (string tmp) =>
        {
            multi.SavePng(tmp + ".png", 1400, 520);   // ScottPlot picks the format from the extension
            File.Move(tmp + ".png", tmp);
        });
    }
}
