using System.CommandLine;
using System.Diagnostics;
using System.Numerics;
using Helix.Aig.Simulation;
using Spectre.Console;

namespace Helix.Cli.Aig;

/// <summary>`helix aig sim FILE`: random, exhaustive or sequential bit-parallel simulation.</summary>
internal static class AigSimCommand
{
    public static Command Create()
    {
        var file = AigCli.FileArgument("file", "AIGER file.");
        var words = new Option<int>("--words") { Description = "64-pattern words per node.", DefaultValueFactory = _ => 64 };
        var seed = new Option<ulong>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 1 };
        var frames = new Option<int>("--frames") { Description = "Simulate this many clock frames through the latches (from reset).", DefaultValueFactory = _ => 0 };
        var exhaustive = new Option<bool>("--exhaustive") { Description = "Every input combination (at most 24 inputs and latches)." };
        var json = AigCli.JsonOption();
        var cmd = new Command("sim", "Simulate 64 patterns per word; print how often each output is 1 and the throughput.") { file, words, seed, frames, exhaustive, json };
        cmd.SetAction(p => CliRunner.Guard(() =>
        {
            var g = AigCli.Read(p.GetValue(file)!);
            int w = p.GetValue(words), f = p.GetValue(frames);
            if (w < 1) throw new CliUsageException($"--words must be at least 1, got {w}");
            if (f < 0) throw new CliUsageException($"--frames must not be negative, got {f}");
            var clock = Stopwatch.StartNew();
            long[] ones;
            long patterns;
            if (f > 0)
            {
                var outs = AigSimulator.Sequential(g, f, w, p.GetValue(seed));
                ones = AigSimulator.CountOutputOnes(outs, g.OutputCount, w);
                patterns = (long)f * w * 64;
            }
            else
            {
                var s = p.GetValue(exhaustive) ? AigSimulator.Exhaustive(g) : AigSimulator.Random(g, w, p.GetValue(seed));
                int n = g.InputCount + g.LatchCount;
                patterns = p.GetValue(exhaustive) ? 1L << n : (long)s.Words * 64;
                ones = AigSimulator.CountOutputOnes(g, s, patterns);
                w = s.Words; f = 1;
            }
            double secs = clock.Elapsed.TotalSeconds;
            double throughput = (double)g.AndCount * w * Math.Max(1, f) / Math.Max(secs, 1e-9);
            if (p.GetValue(json))
            {
                AigCli.PrintJson(new { patterns, seconds = secs, nodeWordsPerSecond = throughput, ones, outputs = g.OutputCount });
                return 0;
            }
            var table = new Table().AddColumn("output").AddColumn("name").AddColumn("ones").AddColumn("fraction");
            for (int o = 0; o < Math.Min(g.OutputCount, 50); o++)
                table.AddRow(o.ToString(), Markup.Escape(g.OutputNames[o] ?? ""), ones[o].ToString(), (ones[o] / (double)patterns).ToString("F4"));
            AnsiConsole.Write(table);
            if (g.OutputCount > 50) AnsiConsole.MarkupLineInterpolated($"... {g.OutputCount - 50} more outputs (use --json for all)");
            AnsiConsole.MarkupLineInterpolated($"{patterns} patterns in {secs * 1000:F1} ms ({throughput / 1e9:F2} G node-words/s)");
            return 0;
        }));
        return cmd;
    }
}
