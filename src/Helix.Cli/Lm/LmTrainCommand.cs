using System.CommandLine;
using Helix.Attention.Slim;

namespace Helix.Cli.Lm;

/// <summary>`helix lm train`: options and their checks; the work is in <see cref="LmTrainRun"/>.</summary>
internal static class LmTrainCommand
{
    public static Command Create()
    {
        var data = new Option<FileInfo>("--data") { Description = "Text file (byte tokens) or FASTA file (amino-acid tokens).", Required = true };
        var tokens = new Option<LmTokens>("--tokens") { Description = "Token kind: auto (FASTA → amino, else bytes), bytes or amino.", DefaultValueFactory = _ => LmTokens.Auto };
        var memory = new Option<string>("--memory") { Description = "full, or chunked:C for SLiM over slices of C tokens (same gradients, memory O(C) in the length).", DefaultValueFactory = _ => "full" };
        var length = new Option<int>("--length") { Description = "Training sequence length L (tokens per row).", DefaultValueFactory = _ => 512 };
        var batch = new Option<int>("--batch") { Description = "Sequences per step.", DefaultValueFactory = _ => 8 };
        var steps = new Option<long>("--steps") { Description = "Optimizer steps in the run (the learning-rate schedule ends here).", DefaultValueFactory = _ => 500 };
        var lr = new Option<double>("--lr") { Description = "Peak learning rate (AdamW, warmup then cosine).", DefaultValueFactory = _ => 1e-3 };
        var warmup = new Option<long>("--warmup") { Description = "Warmup steps.", DefaultValueFactory = _ => 50 };
        var dim = new Option<int>("--dim") { Description = "Model width.", DefaultValueFactory = _ => 128 };
        var depth = new Option<int>("--depth") { Description = "Layers.", DefaultValueFactory = _ => 2 };
        var heads = new Option<int>("--heads") { Description = "Attention heads (must divide --dim).", DefaultValueFactory = _ => 4 };
        var features = new Option<int>("--features") { Description = "FAVOR+ random features m per head.", DefaultValueFactory = _ => 64 };
        var dropout = new Option<double>("--dropout") { Description = "Dropout probability.", DefaultValueFactory = _ => 0.1 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of weights, data order and dropout.", DefaultValueFactory = _ => 1 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for checkpoint.ckpt, metrics.jsonl and curve.png.", DefaultValueFactory = _ => new DirectoryInfo("runs/lm") };
        var resume = new Option<bool>("--resume") { Description = "Continue from --out's checkpoint (the model shape comes from it; --memory may differ)." };
        var every = new Option<long>("--checkpoint-every") { Description = "Checkpoint and validate every this many steps.", DefaultValueFactory = _ => 100 };
        var minutes = new Option<double?>("--time-limit") { Description = "Stop (with a checkpoint) after this many minutes." };
        var json = new Option<bool>("--json") { Description = "No progress bar; print the result as one JSON object." };

        var cmd = new Command("train", "Train a causal Performer language model, in full or chunked (SLiM) memory mode, with checkpoints and resume.");
        foreach (var o in new Option[] { data, tokens, memory, length, batch, steps, lr, warmup, dim, depth, heads, features, dropout, seed, output, resume, every, minutes, json })
            cmd.Options.Add(o);
        cmd.SetAction(p => CliRunner.Guard(() =>
        {
            var s = new LmTrainSettings
            {
                Data = p.GetValue(data)!.FullName,
                Tokens = p.GetValue(tokens),
                Memory = MemoryMode.Parse(p.GetValue(memory)!),
                Length = Positive(p.GetValue(length), "--length"),
                Batch = Positive(p.GetValue(batch), "--batch"),
                Steps = p.GetValue(steps),
                LearningRate = p.GetValue(lr),
                Warmup = p.GetValue(warmup),
                Dim = Positive(p.GetValue(dim), "--dim"),
                Depth = Positive(p.GetValue(depth), "--depth"),
                Heads = Positive(p.GetValue(heads), "--heads"),
                Features = Positive(p.GetValue(features), "--features"),
                Dropout = p.GetValue(dropout),
                Seed = p.GetValue(seed),
                OutputDir = p.GetValue(output)!.FullName,
                Resume = p.GetValue(resume),
                CheckpointEvery = p.GetValue(every),
                TimeLimit = p.GetValue(minutes) is { } m ? TimeSpan.FromMinutes(m) : null,
                Json = p.GetValue(json),
            };
            if (s.Dim % s.Heads != 0) throw new CliUsageException($"--heads {s.Heads} must divide --dim {s.Dim}.");
            if (s.Dropout is < 0 or >= 1) throw new CliUsageException($"--dropout {s.Dropout} must be in [0, 1).");
            return LmTrainRun.Run(s);
        }));
        return cmd;
    }

    static int Positive(int value, string name) =>
        value > 0 ? value : throw new CliUsageException($"{name} must be a positive integer, got {value}.");
}
