using System.CommandLine;
using System.Globalization;
using System.Text;
using Helix.Proteins.Data;
using Helix.Proteins.Output;
using Spectre.Console;

namespace Helix.Cli.Protein;

/// <summary>`helix protein embed --fasta FILE --out emb.npy`: per-protein (mean-pooled) and optionally per-residue embeddings.</summary>
internal static class ProteinEmbedCommand
{
    public static Command Create()
    {
        var fasta = new Option<string>("--fasta") { Description = "FASTA/UniProt file to embed.", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Output file: NAME.npy ([proteins, D] float32) or NAME.csv (id, then D values).", Required = true };
        var perResidue = new Option<bool>("--per-residue") { Description = "Also write per-residue embeddings: NAME.residues.npy [all residues, D] (or .csv) and NAME.index.csv (id, first row, length)." };
        var model = ProteinModelOption.Create();
        var cmd = new Command("embed", "Embed the proteins of a file with a trained model (mean-pooled per protein; per residue with --per-residue).");
        foreach (var o in new Option[] { fasta, output, perResidue, model }) cmd.Options.Add(o);
        cmd.SetAction(r =>
        {
            var outPath = r.GetValue(output)!;
            bool csv = outPath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
            if (!csv && !outPath.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"--out: '{outPath}' must end in .npy or .csv.");
            var file = r.GetValue(fasta)!;
            int total = SequenceFile.Read(file).Count();   // validates the whole file before writing anything
            using var lm = ProteinModelOption.Load(r.GetValue(model)!);
            int dim = lm.Config.Dim;
            string stem = outPath[..^4], ext = csv ? ".csv" : ".npy";
            bool residues = r.GetValue(perResidue);
            using var pooled = EmbeddingSink.Create(outPath, dim, csv);
            using var perRes = residues ? EmbeddingSink.Create(stem + ".residues" + ext, dim, csv) : null;
            var index = residues ? new StringBuilder("id,first_row,length\n") : null;
            long row = 0;
            AnsiConsole.Progress().Start(ctx =>
            {
                var task = ctx.AddTask("embedding", maxValue: total);
                foreach (var rec in SequenceFile.Read(file))
                {
                    var (per, mean) = lm.Embed(rec.Sequence);
                    pooled.Write(rec.Id, mean);
                    if (perRes != null)
                    {
                        for (int i = 0; i < rec.Sequence.Length; i++) perRes.Write($"{rec.Id}:{i + 1}", per.AsSpan(i * dim, dim));
                        index!.Append(CultureInfo.InvariantCulture, $"{Csv(rec.Id)},{row},{rec.Sequence.Length}\n");
                        row += rec.Sequence.Length;
                    }
                    task.Increment(1);
                }
            });
            if (index != null)
            {
                var tmp = stem + ".index.csv.tmp";
                File.WriteAllText(tmp, index.ToString());
                File.Move(tmp, stem + ".index.csv", overwrite: true);
            }
            AnsiConsole.MarkupLineInterpolated($"Wrote {total} protein embeddings of dimension {dim} to [green]{outPath}[/]{(residues ? $" and {row} residue embeddings to {stem}.residues{ext}" : "")}.");
            return 0;
        });
        return cmd;
    }

    internal static string Csv(string s) => s.IndexOfAny(new[] { ',', '"', '\n' }) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    /// <summary>Rows of embeddings to .npy (ids dropped) or .csv (id first), written atomically.</summary>
    sealed class EmbeddingSink : IDisposable
    {
        NpyWriter? _npy;
        StreamWriter? _csv;
        string? _csvPath, _csvTmp;

        public static EmbeddingSink Create(string path, int dim, bool csv)
        {
            var sink = new EmbeddingSink();
            if (!csv) { sink._npy = new NpyWriter(path, dim); return sink; }
            sink._csvPath = Path.GetFullPath(path);
            sink._csvTmp = sink._csvPath + $".tmp-{Environment.ProcessId}";
            sink._csv = new StreamWriter(sink._csvTmp);
            sink._csv.WriteLine("id," + string.Join(',', Enumerable.Range(0, dim).Select(i => $"e{i}")));
            return sink;
        }

        public void Write(string id, ReadOnlySpan<float> values)
        {
            if (_npy != null) { _npy.WriteRow(values); return; }
            var sb = new StringBuilder(Csv(id));
            foreach (var v in values) sb.Append(',').Append(v.ToString("R", CultureInfo.InvariantCulture));
            _csv!.WriteLine(sb.ToString());
        }

        public void Dispose()
        {
            _npy?.Dispose();
            if (_csv != null) { _csv.Dispose(); File.Move(_csvTmp!, _csvPath!, overwrite: true); }
        }
    }
}
