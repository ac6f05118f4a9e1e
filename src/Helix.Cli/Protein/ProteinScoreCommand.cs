using System.CommandLine;
using System.Text.Json;
using Helix.Proteins.Data;
using Helix.Proteins.Inference;

namespace Helix.Cli.Protein;

/// <summary>`helix protein score SEQ` or `--data FILE`: pseudo-log-likelihood of sequences.</summary>
internal static class ProteinScoreCommand
{
    /// <summary>Proteins at least this long get a progress bar (on a terminal).</summary>
    const int BarFrom = 300;

    public static Command Create()
    {
        var defaults = new ScoreOptions();
        var sequence = new Argument<string?>("sequence") { Description = "A protein sequence (letters A–Z), or use --data.", Arity = ArgumentArity.ZeroOrOne };
        var data = ProteinCli.DataOption("Score every record of this FASTA or UniProt file (plain or .gz) instead of a SEQUENCE (default: none).");
        var model = ProteinModelOption.Create();
        var batch = new Option<int>("--batch-size") { Description = $"Masked copies per forward pass (0: as many as fit {defaults.TokensPerPass:N0} tokens).", DefaultValueFactory = _ => defaults.BatchSize };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per sequence." };
        var cmd = new Command("score", "Score sequences by pseudo-log-likelihood (each residue masked alone, many masked copies per forward pass).");
        cmd.Arguments.Add(sequence);
        foreach (var o in new Option[] { data, model, batch, json }) cmd.Options.Add(o);
        cmd.MapOptions((nameof(ScoreOptions.BatchSize), "--batch-size"));
        cmd.SetAction(r =>
        {
            var seq = r.GetValue(sequence);
            var file = r.GetValue(data);
            if ((seq == null) == (file == null)) throw new CliUsageException("give either a sequence or --data FILE.");
            if (file != null) _ = SequenceFile.Read(file).Count();   // the whole file is checked before any result is written
            var records = seq != null ? new[] { SequenceFile.FromText(seq) } : SequenceFile.Read(file!);
            var options = new ScoreOptions { BatchSize = r.GetValue(batch) }.Validate();
            using var lm = ProteinModelOption.Load(r.GetValue(model)!);
            bool asJson = r.GetValue(json);
            using var ctrlC = ConsoleCancellation.Listen();
            return LiveProgress.Run(view =>
            {
                if (!asJson) view.WriteLine("id\tlength\tpseudo_log_likelihood\tpseudo_perplexity");
                foreach (var rec in records)
                {
                    LiveTask? bar = view.IsLive && rec.Sequence.Length >= BarFrom ? view.AddTask($"scoring {rec.Id} ({rec.Sequence.Length:N0} residues)", rec.Sequence.Length) : null;
                    var s = lm.Score(rec.Sequence, options, bar == null ? null : new Helix.Core.SyncProgress<ScoreProgress>(p => bar.Value = p.Scored), ctrlC.Token);
                    view.WriteLine(asJson
                        ? JsonSerializer.Serialize(new { id = rec.Id, length = rec.Sequence.Length, pseudoLogLikelihood = s.PseudoLogLikelihood, pseudoPerplexity = s.PseudoPerplexity })
                        : FormattableString.Invariant($"{rec.Id}\t{rec.Sequence.Length}\t{s.PseudoLogLikelihood:F3}\t{s.PseudoPerplexity:F3}"));
                }
                return 0;
            });
        });
        return cmd;
    }
}
