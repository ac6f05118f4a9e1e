using Helix.Attention;
using Helix.Proteins.Evaluation;
using Helix.Proteins.Jobs;
using Helix.Training;
using System.CommandLine;
using Spectre.Console;

namespace Helix.Cli.Protein;

/// <summary>Parsing and rendering shared by the protein commands.</summary>
internal static class ProteinCli
{
    public static AttentionMechanism ParseMechanism(string s) => s.ToLowerInvariant() switch
    {
        "favor" or "performer" => AttentionMechanism.Favor,
        "relu" or "generalized" => AttentionMechanism.Generalized,
        "exact" or "softmax" => AttentionMechanism.Exact,
        _ => throw new ArgumentException($"--attention: '{s}' is not a mechanism; use favor, relu or exact."),
    };

    public static string MechanismName(AttentionMechanism m) => m switch
    {
        AttentionMechanism.Favor => "favor", AttentionMechanism.Generalized => "relu", _ => "exact",
    };

    public static PositionKind ParsePosition(string s) => s.ToLowerInvariant() switch
    {
        "learned" => PositionKind.Learned,
        "sinusoidal" => PositionKind.Sinusoidal,
        "rotary" => PositionKind.Rotary,
        _ => throw new ArgumentException($"--position: '{s}' is not a position kind; use learned, sinusoidal or rotary."),
    };

    /// <summary>The `--data` option of a command that reads a sequence file (one name for every sequence file).</summary>
    public static Option<string?> DataOption(string description) => new("--data") { Description = description };

    public static string Escape(string s) => Markup.Escape(s);

    public static string ProgressLine(TrainingProgress p) =>
        $"step {p.Step}/{p.TotalSteps}  train loss {p.SmoothedLoss:F3}  acc {p.SmoothedAccuracy:P1} (80/10/10)  {p.TokensPerSecond:N0} tok/s  lr {p.LearningRate:G2}" +
        (p.Eta is { } eta ? $"  ETA {eta:hh\\:mm\\:ss}" : "");

    public static void PrintReport(ProteinTrainingResult r)
    {
        AnsiConsole.MarkupLineInterpolated($"After {r.Steps} steps ({r.TrainingSeconds / 60:F1} min training, {r.TotalSeconds / 60:F1} min in all):");
        PrintScores(new[] { r.Test }.Concat(r.OtherSets));
        if (r.Usefulness is { } u) PrintUsefulness(u);
        AnsiConsole.MarkupLineInterpolated($"Checkpoint: [green]{r.CheckpointPath}[/]");
        AnsiConsole.MarkupLineInterpolated($"Curves:     [green]{r.PlotPath}[/]");
        AnsiConsole.MarkupLineInterpolated($"Metrics:    {r.MetricsPath}");
    }

    /// <summary>The honest masked-token table (every scored residue hidden), unigram beside each, 80/10/10 apart.</summary>
    public static void PrintScores(IEnumerable<EvaluationResult> sets)
    {
        var table = new Table().Title("Masked-residue prediction, every scored residue masked in the input (unigram = amino-acid frequencies, same positions)")
            .AddColumn("set").AddColumn(new TableColumn("scored residues").RightAligned())
            .AddColumn(new TableColumn("accuracy").RightAligned()).AddColumn(new TableColumn("unigram").RightAligned()).AddColumn(new TableColumn("ratio").RightAligned())
            .AddColumn(new TableColumn("top-3").RightAligned()).AddColumn(new TableColumn("unigram top-3").RightAligned())
            .AddColumn(new TableColumn("perplexity").RightAligned()).AddColumn(new TableColumn("unigram").RightAligned()).AddColumn(new TableColumn("ratio").RightAligned())
            .AddColumn(new TableColumn("80/10/10 accuracy*").RightAligned())
            .AddColumn(new TableColumn("±2 table accuracy / ppl.**").RightAligned())
            .AddColumn(new TableColumn("lookup accuracy / ppl.***").RightAligned())
            .AddColumn(new TableColumn("±6 found (input / unmasked)").RightAligned());
        foreach (var e in sets)
            table.AddRow(e.Name, $"{e.Model.Targets:N0}", $"{e.Model.Accuracy:P1}", $"{e.Unigram.Accuracy:P1}", $"{e.AccuracyRatio:F2}×",
                $"{e.Model.Top3Accuracy:P1}", $"{e.Unigram.Top3Accuracy:P1}", $"{e.Model.Perplexity:F2}", $"{e.Unigram.Perplexity:F2}", $"{e.PerplexityRatio:F2}×",
                e.PaperStyle is { } p ? $"{p.Accuracy:P1}" : "-", e.Context is { } c ? $"{c.Accuracy:P1} / {c.Perplexity:F2}" : "-",
                e.Lookup is { } k ? $"{k.Accuracy:P1} / {k.Perplexity:F2}" : "-",
                e.LookupCoverage is { } f ? $"{f:P1} / {e.UnmaskedLookupCoverage:P1}" : "-");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("[grey]* paper-style figure on the same positions: 10 % of them stay visible and 10 % become random residues, so it flatters copying.[/]");
        if (sets.Any(e => e.Context != null))
            AnsiConsole.MarkupLine("[grey]** a lookup table of the training split: the two input residues on each side of a masked one, backing off to one each side, then unigram (same input as the model).[/]");
        if (sets.Any(e => e.Lookup != null))
            AnsiConsole.MarkupLine("[grey]*** the same with exact contexts of ±6, ±5, ±4, ±3, ±1 input tokens (a masked neighbour is never found); \"±6 found\": share of scored positions whose ±6 context occurs in training as the input has it, and with the other scored residues unmasked.[/]");
    }

    public static void PrintUsefulness(UsefulnessResult u) => PrintUsefulness(u.Shuffles, u.Retrieval);

    public static void PrintUsefulness(ShuffleRankingResult? s, RetrievalResult? retrieval)
    {
        if (s != null) AnsiConsole.MarkupLineInterpolated($"Pseudo-log-likelihood, real vs {s.Shuffles} shuffles of itself ({s.Proteins} proteins): real beats all shuffles for {s.BeatsAll:P0} (chance {s.ChanceBeatsAll:P0}), mean rank {s.MeanRank:F2} of {s.Shuffles + 1}.");
        if (retrieval is { } g)
            AnsiConsole.MarkupLineInterpolated($"Family retrieval on {g.Set} ({g.Proteins} proteins, {g.Families} families): nearest neighbour in the same family {g.Model:P1} by model embedding, {g.Composition:P1} by amino-acid composition (chance {g.Chance:P1}).");
    }
}
