using System.Diagnostics;
using System.Globalization;

namespace Helix.Aig.Sat;

/// <summary>The answer of an external solver: result, model (by variable) and the solver's own wall time.</summary>
public sealed record ExternalSolverAnswer(SatResult Result, bool[]? Model, TimeSpan Elapsed);

/// <summary>
/// Runs an off-the-shelf SAT solver through DIMACS: writes the formula to a temporary file, runs the program and
/// reads the SAT-competition output (<c>s SATISFIABLE</c>, <c>v ... 0</c> lines) or its exit code (10/20).
/// Works with CaDiCaL, kissat, MiniSat (whose model goes to a result file) and any solver that speaks the format.
/// A returned model is checked against the formula.
/// </summary>
public sealed class ExternalSolver(string program, IReadOnlyList<string>? extraArguments = null)
{
    /// <summary>The program run.</summary>
    public string Program { get; } = program;

    /// <summary>Whether a program by this name is on PATH (or is an existing file).</summary>
    public static bool IsAvailable(string program) => FindOnPath(program) != null;

    /// <summary>The full path of <paramref name="program"/> on PATH, or null.</summary>
    public static string? FindOnPath(string program)
    {
        if (program.Contains('/')) return File.Exists(program) ? program : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var p = Path.Combine(dir, program);
            if (File.Exists(p)) return p;
        }
        return null;
    }

    /// <summary>Solves <paramref name="cnf"/>; <paramref name="timeout"/> bounds the wall time (Unknown after it).</summary>
    public ExternalSolverAnswer Solve(CnfFormula cnf, TimeSpan? timeout = null)
    {
        var exe = FindOnPath(Program) ?? throw new FileNotFoundException($"SAT solver '{Program}' was not found on PATH; install it (e.g. apt-get install cadical) or give a full path");
        var dir = Directory.CreateTempSubdirectory("helix-sat-");
        try
        {
            var input = Path.Combine(dir.FullName, "in.cnf");
            Dimacs.WriteFile(cnf, input);
            bool minisat = Path.GetFileName(exe).StartsWith("minisat", StringComparison.OrdinalIgnoreCase);
            var resultFile = Path.Combine(dir.FullName, "out.txt");
            var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in extraArguments ?? Array.Empty<string>()) psi.ArgumentList.Add(a);
            if (minisat) psi.ArgumentList.Add("-verb=0");
            psi.ArgumentList.Add(input);
            if (minisat) psi.ArgumentList.Add(resultFile);
            var clock = Stopwatch.StartNew();
            using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {exe}");
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(timeout ?? Timeout.InfiniteTimeSpan))
            {
                try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                p.WaitForExit();
                return new ExternalSolverAnswer(SatResult.Unknown, null, clock.Elapsed);
            }
            clock.Stop();
            var text = minisat && File.Exists(resultFile) ? MiniSatToCompetition(File.ReadAllText(resultFile)) : stdout.Result;
            var answer = Parse(text, p.ExitCode, cnf.VarCount);
            if (answer.Result == SatResult.Unknown && p.ExitCode is not (0 or 10 or 20))
                throw new InvalidOperationException($"{Program} failed with exit code {p.ExitCode}: {stderr.Result.Trim()}");
            if (answer.Model != null && !cnf.IsSatisfiedBy(answer.Model))
                throw new InvalidOperationException($"{Program} returned a model that does not satisfy the formula");
            return answer with { Elapsed = clock.Elapsed };
        }
        finally { dir.Delete(recursive: true); }
    }

    static string MiniSatToCompetition(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0) return "";
        return lines[0].Trim() switch
        {
            "SAT" => "s SATISFIABLE\n" + (lines.Length > 1 ? "v " + lines[1] + "\n" : ""),
            "UNSAT" => "s UNSATISFIABLE\n",
            _ => "s UNKNOWN\n",
        };
    }

    /// <summary>Parses SAT-competition output; the exit code decides when there is no <c>s</c> line.</summary>
    public static ExternalSolverAnswer Parse(string output, int exitCode, int varCount)
    {
        var result = exitCode switch { 10 => SatResult.Satisfiable, 20 => SatResult.Unsatisfiable, _ => SatResult.Unknown };
        bool[]? model = null;
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("s ", StringComparison.Ordinal))
                result = line[2..].Trim() switch { "SATISFIABLE" => SatResult.Satisfiable, "UNSATISFIABLE" => SatResult.Unsatisfiable, _ => SatResult.Unknown };
            else if (line.StartsWith("v ", StringComparison.Ordinal) || line == "v")
            {
                model ??= new bool[varCount];
                foreach (var tok in line[1..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    int d = int.Parse(tok, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                    if (d != 0 && Math.Abs(d) <= varCount) model[Math.Abs(d) - 1] = d > 0;
                }
            }
        }
        return new ExternalSolverAnswer(result, result == SatResult.Satisfiable ? model : null, TimeSpan.Zero);
    }
}
