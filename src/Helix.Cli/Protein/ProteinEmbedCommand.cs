using System.CommandLine;
using System.Globalization;
using System.Text;
using Helix.Proteins.Data;
using Helix.Core;
using Helix.Proteins.Output;
using Spectre.Console;

namespace Helix.Cli.Protein;

/// <summary>`helix protein embed --data FILE --out emb.npy`: per-protein (mean-pooled) and optionally per-residue embeddings.</summary>
internal static class ProteinEmbedCommand
{
    public static Command Create()
    {
        var fasta = ProteinCli.DataOption("FASTA or UniProt file to embed (plain or .gz).");
        fasta.Required = true;
        var output = new Option<string>("--out", "-o") { Description = "Output file: NAME.npy ([proteins, D] float32) or NAME.csv (id, then D values).", Required = true };
        var perResidue = new Option<bool>("--per-residue") { Description = "Also write per-residue embeddings: NAME.residues.npy [all residues, D] (or .csv) and NAME.index.csv (id, first row, length)." };
        var model = ProteinModelOption.Create();
        var cmd = new Command("embed", "Embed the proteins of a file with a trained model (mean-pooled per protein; per residue with --per-residue).");
        foreach (var o in new Option[] { fasta, output, perResidue, model }) cmd.Options.Add(o);
        cmd.SetAction(r =>
        {
            var outPath = r.GetValue(output)!;
            if (!EmbeddingFile.IsSupported(outPath)) throw new ArgumentException($"--out: '{outPath}' must end in .npy or .csv.");
            var file = r.GetValue(fasta)!;
            int total = SequenceFile.Read(file).Count();   // validates the whole file before writing anything
            using var lm = ProteinModelOption.Load(r.GetValue(model)!);
            int dim = lm.Config.Dim;
            string stem = outPath[..^4], ext = outPath[^4..];
            bool residues = r.GetValue(perResidue);
            var index = new StringBuilder("id,first_row,length\n");
            long row = 0;
            void Embed(IEmbeddingSink pooled, IEmbeddingSink? perRes) => AnsiConsole.Progress().Start(ctx =>
            {
                var task = ctx.AddTask("embedding", maxValue: total);
                foreach (var rec in SequenceFile.Read(file))
                {
                    var (per, mean) = lm.Embed(rec.Sequence);
                    pooled.Write(rec.Id, mean);
                    if (perRes != null)
                    {
                        for (int i = 0; i < rec.Sequence.Length; i++) perRes.Write($"{rec.Id}:{i + 1}", per.AsSpan(i * dim, dim));
                        index.Append(CultureInfo.InvariantCulture, $"{CsvEmbeddingWriter.Quote(rec.Id)},{row},{rec.Sequence.Length}\n");
                        row += rec.Sequence.Length;
                    }
                    task.Increment(1);
                }
            });
            EmbeddingFile.Write(outPath, dim, pooled =>
            {
                if (residues) EmbeddingFile.Write(stem + ".residues" + ext, dim, perRes => Embed(pooled, perRes));
                else Embed(pooled, null);
            });
            if (residues) AtomicFile.WriteAllText(stem + ".index.csv", index.ToString());
            AnsiConsole.MarkupLineInterpolated($"Wrote {total} protein embeddings of dimension {dim} to [green]{outPath}[/]{(residues ? $" and {row} residue embeddings to {stem}.residues{ext}" : "")}.");
            return 0;
        });
        return cmd;
    }
}
