using System.CommandLine;
using Helix.Aig.Aiger;

namespace Helix.Cli.Aig;

/// <summary>`helix aig convert IN OUT`: between ASCII and binary AIGER (format from OUT's extension).</summary>
internal static class AigConvertCommand
{
    public static Command Create()
    {
        var input = AigCli.FileArgument("input", "AIGER file to read.");
        var output = AigCli.FileArgument("output", "File to write: .aig for binary, .aag for ASCII.");
        var compact = new Option<bool>("--compact") { Description = "Drop AND gates no output, latch or property uses." };
        var cmd = new Command("convert", "Convert between ASCII (.aag) and binary (.aig) AIGER.") { input, output, compact };
        cmd.SetAction(p => CliRunner.Guard(() =>
        {
            var outPath = p.GetValue(output)!;
            bool binary = AigCli.OutputIsBinary(outPath);
            var g = AigCli.Read(p.GetValue(input)!);
            if (p.GetValue(compact)) g = g.Compact();
            AigerWriter.WriteFile(g, outPath, binary);
            Console.Out.WriteLine($"wrote {outPath} ({(binary ? "binary" : "ASCII")}, {g.AndCount} ANDs)");
            return 0;
        }));
        return cmd;
    }
}
