using Helix.Aig.Aiger;

namespace Helix.Aig.Tests.Support;

/// <summary>Circuits made by ABC in a temporary folder: an original and its resyn2 and dc2 versions.</summary>
public sealed class AbcCircuits : IDisposable
{
    public AbcCircuits()
    {
        Dir = Directory.CreateTempSubdirectory("helix-abc-").FullName;
    }

    public string Dir { get; }

    /// <summary>Generates (with <c>gen</c> switches such as "-a -N 16") and optimizes; returns the three file paths.</summary>
    public (string Original, string Resyn2, string Dc2) Generate(string name, string genSwitches)
    {
        string o = Path.Combine(Dir, name + ".aig"), r = Path.Combine(Dir, name + "_resyn2.aig"), d = Path.Combine(Dir, name + "_dc2.aig");
        Tools.RunAbc($"gen {genSwitches} {name}.blif; strash; write_aiger -s {o}; {Tools.Resyn2}; write_aiger -s {r}; read_aiger {o}; dc2; write_aiger -s {d}", Dir);
        return (o, r, d);
    }

    /// <summary>Optimizes an existing file with a script; returns the output path.</summary>
    public string Optimize(string input, string script, string suffix)
    {
        var output = Path.Combine(Dir, Path.GetFileNameWithoutExtension(input) + "_" + suffix + ".aig");
        Tools.RunAbc($"read_aiger {input}; strash; {script}; write_aiger -s {output}", Dir);
        return output;
    }

    /// <summary>ABC's own verdict on two files: true when its cec says equivalent.</summary>
    public bool AbcSaysEquivalent(string a, string b)
    {
        var output = Tools.RunAbc($"cec {a} {b}", Dir);
        if (output.Contains("Networks are equivalent", StringComparison.Ordinal)) return true;
        if (output.Contains("NOT EQUIVALENT", StringComparison.OrdinalIgnoreCase) || output.Contains("are not equivalent", StringComparison.OrdinalIgnoreCase)) return false;
        throw new InvalidOperationException("unexpected ABC cec output: " + output);
    }

    public string Write(Aignet g, string name)
    {
        var p = Path.Combine(Dir, name);
        AigerWriter.WriteFile(g, p);
        return p;
    }

    public void Dispose() { try { Directory.Delete(Dir, true); } catch (IOException) { } }
}
