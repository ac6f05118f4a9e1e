using Helix.Core;
using System.Globalization;
using System.Text;

namespace Helix.Aig.Sat;

/// <summary>DIMACS CNF reading and writing.</summary>
public static class Dimacs
{
    /// <summary>Writes <paramref name="cnf"/> as DIMACS text.</summary>
    public static void Write(CnfFormula cnf, TextWriter w)
    {
        foreach (var c in cnf.Comments) w.Write("c " + c + "\n");
        w.Write($"p cnf {cnf.VarCount} {cnf.ClauseCount}\n");
        var sb = new StringBuilder();
        for (int i = 0; i < cnf.ClauseCount; i++)
        {
            foreach (var l in cnf.Clause(i)) sb.Append(l.ToDimacs()).Append(' ');
            sb.Append("0\n");
            if (sb.Length > 1 << 16) { w.Write(sb); sb.Clear(); }
        }
        w.Write(sb);
    }

    /// <summary>Writes a DIMACS file through a temporary sibling and a rename.</summary>
    public static void WriteFile(CnfFormula cnf, string path) => AtomicFile.WriteText(path, w => Write(cnf, w));

    /// <summary>
    /// Reads DIMACS CNF: comments, the <c>p cnf V C</c> header, then clauses ending in 0. Errors name the line and
    /// what was expected.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static CnfFormula Read(TextReader r, string? source = null)
    {
        var cnf = new CnfFormula();
        var clause = new List<SatLit>();
        int lineNo = 0, declaredVars = -1, declaredClauses = -1;
        string? line;
        string Where() => (source != null ? source + ":" : "line ") + lineNo;
        while ((line = r.ReadLine()) != null)
        {
            lineNo++;
            var t = line.AsSpan().Trim();
            if (t.Length == 0 || t[0] == 'c' || t[0] == '%') continue;
            if (t[0] == 'p')
            {
                var parts = t.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (declaredVars >= 0) throw new FormatException($"{Where()}: a second 'p cnf' header");
                if (parts.Length != 4 || parts[1] != "cnf" || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out declaredVars)
                    || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out declaredClauses))
                    throw new FormatException($"{Where()}: expected the header 'p cnf VARIABLES CLAUSES', found '{t.ToString()}'");
                cnf.VarCount = declaredVars;
                continue;
            }
            if (declaredVars < 0) throw new FormatException($"{Where()}: clauses before the 'p cnf' header");
            // Tokens are read from the line's span (no per-token strings: large CNFs are parsed inside timed runs).
            while (true)
            {
                t = t.TrimStart();
                if (t.Length == 0) break;
                int end = 0;
                while (end < t.Length && !char.IsWhiteSpace(t[end])) end++;
                var tok = t[..end];
                t = t[end..];
                if (!int.TryParse(tok, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int d))
                    throw new FormatException($"{Where()}: expected a literal (a non-zero integer) or 0, found '{tok.ToString()}'");
                if (d == 0) { cnf.AddClause(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(clause)); clause.Clear(); continue; }
                if (d == int.MinValue || Math.Abs(d) > declaredVars)
                    throw new FormatException($"{Where()}: literal {d} uses a variable above the declared {declaredVars}");
                clause.Add(SatLit.FromDimacs(d));
            }
        }
        if (declaredVars < 0) throw new FormatException($"{source ?? "input"}: no 'p cnf' header");
        if (clause.Count > 0) cnf.AddClause(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(clause));
        if (cnf.ClauseCount != declaredClauses)
            throw new FormatException($"{source ?? "input"}: the header declares {declaredClauses} clauses but {cnf.ClauseCount} were read");
        return cnf;
    }

    /// <summary>Reads a DIMACS file.</summary>
    public static CnfFormula ReadFile(string path)
    {
        using var r = new StreamReader(path);
        return Read(r, path);
    }
}
