using Helix.Cli.Hosting.Options;
using System.CommandLine;
using Helix.Orthogonal;

namespace Helix.Cli.Ortho;

/// <summary>`helix ortho copy`: options and their checks; the work is in <see cref="OrthoCopyRun"/>.</summary>
internal static class OrthoCopyCommand
{
    public static Command Create()
    {
        var map = new Option<string>("--map") { Description = "Recurrent matrix: cwy, householder, expm, cayley (orthogonal RNN) or lstm (baseline of equal parameter count).", DefaultValueFactory = _ => "cwy" };
        var delay = new Option<int>("--delay") { Description = "Delay T: sequences have T + 20 steps.", DefaultValueFactory = _ => 200 };
        var hidden = new Option<int>("--hidden") { Description = "Hidden size N of the orthogonal RNN.", DefaultValueFactory = _ => 64 };
        var batch = new Option<int>("--batch-size") { Description = "Sequences per step.", DefaultValueFactory = _ => 32 };
        var steps = new Option<long>("--steps") { Description = "Optimizer steps at most.", DefaultValueFactory = _ => 2000 };
        var minutes = new TimeLimitOption("Stop training after this long");
        var lr = new Option<double>("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => 3e-3 };
        var seed = new Option<long>("--seed") { Description = "Seed of weights and data.", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "libtorch CPU threads (0: libtorch's default).", DefaultValueFactory = _ => 0 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for metrics.jsonl, curves.png, model.bin and report.json.", DefaultValueFactory = _ => new DirectoryInfo("runs/ortho-copy") };
        var init = new Option<RecurrentInit>("--init") { Description = "Start of Q: Rotations (Henaff's block rotations) or Random.", DefaultValueFactory = _ => RecurrentInit.Rotations };
        var clip = new Option<double>("--clip") { Description = "Clip the gradient norm to this (0: off).", DefaultValueFactory = _ => 1.0 };
        var checkpointEvery = new Option<long>("--checkpoint-every") { Description = "Steps between checkpoints (out/checkpoint.bin; 0: only at the end).", DefaultValueFactory = _ => 100 };
        var resume = new Option<bool>("--resume") { Description = "Continue from out/checkpoint.bin (same options): exactly the run that was interrupted." };
        var json = new Option<bool>("--json") { Description = "No progress bar; print the result as one JSON object." };

        var cmd = new Command("copy", "Train an orthogonal RNN (or an LSTM) on the copying task; plots the loss beside the memoryless baseline 10·ln 8/(T+20).");
        foreach (var o in new Option[] { map, delay, hidden, batch, steps, minutes, lr, init, clip, checkpointEvery, resume, seed, threads, output, json })
            cmd.Options.Add(o);
        cmd.SetAction(p => CliRunner.Guard(() =>
        {
            var name = p.GetValue(map)!.ToLowerInvariant();
            var model = name switch
            {
                "cwy" => CopyingModelKind.Cwy,
                "householder" => CopyingModelKind.Householder,
                "expm" => CopyingModelKind.Expm,
                "cayley" => CopyingModelKind.Cayley,
                "lstm" => CopyingModelKind.Lstm,
                _ => throw new CliUsageException($"--map {name} is not one of cwy, householder, expm, cayley, lstm."),
            };
            var options = new CopyingOptions
            {
                Model = model,
                Delay = Positive(p.GetValue(delay), "--delay"),
                Hidden = Positive(p.GetValue(hidden), "--hidden"),
                BatchSize = Positive(p.GetValue(batch), "--batch-size"),
                Steps = p.GetValue(steps) > 0 ? p.GetValue(steps) : throw new CliUsageException("--steps must be a positive integer."),
                TimeLimit = minutes.Limit(p),
                LearningRate = p.GetValue(lr) > 0 ? p.GetValue(lr) : throw new CliUsageException("--lr must be positive."),
                Seed = p.GetValue(seed),
                Init = p.GetValue(init),
                ClipNorm = p.GetValue(clip) >= 0 ? p.GetValue(clip) : throw new CliUsageException("--clip must be zero or more."),
                CheckpointEvery = p.GetValue(checkpointEvery) >= 0 ? p.GetValue(checkpointEvery) : throw new CliUsageException("--checkpoint-every must be zero or more."),
            };
            var outDir = p.GetValue(output)!.FullName;
            options = options with
            {
                CheckpointPath = Path.Combine(outDir, "checkpoint.bin"),
                MetricsPath = Path.Combine(outDir, "metrics.jsonl"),
                ResumeFrom = p.GetValue(resume)
                    ? (File.Exists(Path.Combine(outDir, "checkpoint.bin")) ? Path.Combine(outDir, "checkpoint.bin") : throw new CliUsageException($"--resume: no checkpoint at {Path.Combine(outDir, "checkpoint.bin")}."))
                    : null,
            };
            int t = p.GetValue(threads);
            if (t < 0) throw new CliUsageException("--threads must be ≥ 0.");
            return OrthoCopyRun.Run(options, name, t, outDir, p.GetValue(json));
        }));
        return cmd;
    }

    static int Positive(int value, string name) =>
        value > 0 ? value : throw new CliUsageException($"{name} must be a positive integer, got {value}.");
}
