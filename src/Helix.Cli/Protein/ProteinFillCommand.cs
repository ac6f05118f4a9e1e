using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace Helix.Cli.Protein;

/// <summary>`helix protein fill "MKT?LLV"`: predicts the residues at '?' positions.</summary>
internal static class ProteinFillCommand
{
    public static Command Create()
    {
        var sequence = new Argument<string>("sequence") { Description = "Protein sequence with '?' (or '_') at the positions to fill." };
        var model = ProteinModelOption.Create();
        var top = new Option<int>("--top") { Description = "Alternatives shown per position.", DefaultValueFactory = _ => 3 };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var cmd = new Command("fill", "Fill masked positions of a sequence with the most likely residues.");
        cmd.Arguments.Add(sequence);
        foreach (var o in new Option[] { model, top, json }) cmd.Options.Add(o);
        cmd.SetAction(r =>
        {
            using var lm = ProteinModelOption.Load(r.GetValue(model)!);
            var result = lm.Fill(r.GetValue(sequence)!, Math.Max(1, r.GetValue(top)));
            if (r.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    sequence = result.Sequence,
                    positions = result.Positions.Zip(result.Top, (p, t) => new { position = p + 1, candidates = t.Select(c => new { residue = c.Residue.ToString(), probability = c.Probability }) }),
                }));
                return 0;
            }
            Console.WriteLine(result.Sequence);
            for (int i = 0; i < result.Positions.Count; i++)
                AnsiConsole.MarkupLineInterpolated($"  position {result.Positions[i] + 1}: {string.Join("  ", result.Top[i].Select(c => $"{c.Residue} {c.Probability:P1}"))}");
            return 0;
        });
        return cmd;
    }
}
