using Helix.Attention;
using Helix.Proteins.Evaluation;
using Helix.Proteins.Jobs;
using Helix.Training;
using Spectre.Console;

namespace Helix.Cli.Protein;

/// <summary>Parsing and rendering shared by the protein commands.</summary>
internal static class ProteinCli
{
    public static AttentionMechanism ParseMechanism(string s) => s.ToLowerInvariant() switch
    {
        "favor" or "performer" => AttentionMechanism.Favor,
        "exact" or "softmax" => AttentionMechanism.Exact,
        _ => throw new ArgumentException($"--attention: '{s}' is not a mechanism; use favor or exact."),
    };

    public static string Escape(string s) => Markup.Escape(s);

    public static string ProgressLine(TrainingProgress p) =>
        $"step {p.Step}/{p.TotalSteps}  loss {p.SmoothedLoss:F3}  acc {p.SmoothedAccuracy:P1}  {p.TokensPerSecond:N0} tok/s  lr {p.LearningRate:G2}" +
        (p.Eta is { } eta ? $"  ETA {eta:hh\\:mm\\:ss}" : "");

    public static void PrintReport(ProteinTrainingReport r)
    {
        var table = new Table().Title($"Masked-token prediction after {r.Steps} steps ({r.TrainingSeconds / 60:F1} min training, {r.TotalSeconds / 60:F1} min in all)")
            .AddColumn("set").AddColumn("masked residues").AddColumn(new TableColumn("accuracy").RightAligned()).AddColumn(new TableColumn("unigram accuracy").RightAligned())
            .AddColumn(new TableColumn("perplexity").RightAligned()).AddColumn(new TableColumn("unigram perplexity").RightAligned());
        foreach (var e in new[] { r.Test, r.Query }.OfType<EvaluationReport>())
            table.AddRow(e.Name, $"{e.Model.Targets:N0}", $"{e.Model.Accuracy:P1}", $"{e.Unigram.Accuracy:P1}", $"{e.Model.Perplexity:F2}", $"{e.Unigram.Perplexity:F2}");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"Checkpoint: [green]{r.CheckpointPath}[/]");
        AnsiConsole.MarkupLineInterpolated($"Curves:     [green]{r.PlotPath}[/]");
        AnsiConsole.MarkupLineInterpolated($"Metrics:    {r.MetricsPath}");
    }
}
