using System.CommandLine;
using Helix.Aig.Cnf;
using Helix.Aig.Sat;

namespace Helix.Cli.Aig;

/// <summary>`helix aig cnf FILE -o OUT.cnf`: Tseitin CNF that is satisfiable when a chosen output can be 1.</summary>
internal static class AigCnfCommand
{
    public static Command Create()
    {
        var file = AigCli.FileArgument("file", "AIGER file.");
        var output = new Option<string>("--out", "-o") { Description = "DIMACS file to write.", Required = true };
        var outputs = new Option<int[]>("--po") { Description = "Output indices to assert (their OR); default all.", AllowMultipleArgumentsPerToken = true };
        var noCollapse = new Option<bool>("--no-collapse") { Description = "Encode every AND separately (no multi-input AND collapsing)." };
        var cmd = new Command("cnf", "Write Tseitin CNF over the cone of the chosen outputs, asserting that one of them is 1.") { file, output, outputs, noCollapse };
        cmd.SetAction(p => CliRunner.Guard(() =>
        {
            var g = AigCli.Read(p.GetValue(file)!);
            var chosen = p.GetValue(outputs);
            if (chosen is { Length: > 0 })
                foreach (var o in chosen)
                    if (o < 0 || o >= g.OutputCount) throw new CliUsageException($"--po {o}: the circuit has outputs 0..{g.OutputCount - 1}");
            if (g.OutputCount == 0) throw new CliUsageException("the circuit has no outputs to assert");
            var enc = TseitinEncoder.OutputCanBeOne(g, chosen is { Length: > 0 } ? chosen : null, new TseitinOptions { CollapseAnds = !p.GetValue(noCollapse) });
            enc.Formula.Comments.Add($"Tseitin CNF of {Path.GetFileName(p.GetValue(file))} by helix aig cnf: satisfiable iff a chosen output can be 1");
            for (int k = 0; k < g.InputCount; k++)
                if (enc.NodeVar[g.Input(k).Id] >= 0) enc.Formula.Comments.Add($"input {k} = variable {enc.NodeVar[g.Input(k).Id] + 1}");
            var path = p.GetValue(output)!;
            Dimacs.WriteFile(enc.Formula, path);
            Console.Out.WriteLine($"wrote {path}: {enc.Formula.VarCount} variables, {enc.Formula.ClauseCount} clauses");
            return 0;
        }));
        return cmd;
    }
}
