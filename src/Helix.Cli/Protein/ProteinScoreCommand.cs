using System.CommandLine;
using System.Text.Json;
using Helix.Proteins.Data;

namespace Helix.Cli.Protein;

/// <summary>`helix protein score SEQ` or `--fasta FILE`: pseudo-log-likelihood of sequences.</summary>
internal static class ProteinScoreCommand
{
    public static Command Create()
    {
        var sequence = new Argument<string?>("sequence") { Description = "A protein sequence (or use --fasta).", Arity = ArgumentArity.ZeroOrOne };
        var fasta = new Option<string?>("--fasta") { Description = "Score every record of a FASTA/UniProt file." };
        var model = ProteinModelOption.Create();
        var json = new Option<bool>("--json") { Description = "Print JSON lines." };
        var cmd = new Command("score", "Score sequences by pseudo-log-likelihood (each residue masked in turn).");
        cmd.Arguments.Add(sequence);
        foreach (var o in new Option[] { fasta, model, json }) cmd.Options.Add(o);
        cmd.SetAction(r =>
        {
            var seq = r.GetValue(sequence);
            var file = r.GetValue(fasta);
            if ((seq == null) == (file == null)) throw new ArgumentException("give either a sequence or --fasta FILE.");
            using var lm = ProteinModelOption.Load(r.GetValue(model)!);
            var records = seq != null ? new[] { new ProteinRecord("input", "", seq, "argument", 1) } : SequenceFile.Read(file!);
            bool asJson = r.GetValue(json);
            if (!asJson) Console.WriteLine("id\tlength\tpseudo_log_likelihood\tpseudo_perplexity");
            foreach (var rec in records)
            {
                var s = lm.Score(rec.Sequence);
                Console.WriteLine(asJson
                    ? JsonSerializer.Serialize(new { id = rec.Id, length = rec.Sequence.Length, pseudoLogLikelihood = s.PseudoLogLikelihood, pseudoPerplexity = s.PseudoPerplexity })
                    : FormattableString.Invariant($"{rec.Id}\t{rec.Sequence.Length}\t{s.PseudoLogLikelihood:F3}\t{s.PseudoPerplexity:F3}"));
            }
            return 0;
        });
        return cmd;
    }
}
