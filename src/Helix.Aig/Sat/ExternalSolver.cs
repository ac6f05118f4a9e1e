using Helix.Core;
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
    public static bool IsAvailable(string program) => ProcessRunner.IsAvailable(program);

    /// <summary>
    /// Solves <paramref name="cnf"/>; <paramref name="timeout"/> bounds the wall time (Unknown after it). A missing
    /// program is a <see cref="ToolNotFoundException"/>.
    /// </summary>
    public ExternalSolverAnswer Solve(CnfFormula cnf, TimeSpan? timeout = null, CancellationToken cancel = default)
    {
        var exe = ProcessRunner.Locate(Program) ?? throw new ToolNotFoundException(Program, "not found on PATH (e.g. apt-get install cadical)");
        var dir = Directory.CreateTempSubdirectory("helix-sat-");
        try
        {
            var input = Path.Combine(dir.FullName, "in.cnf");
            Dimacs.WriteFile(cnf, input);
            bool minisat = Path.GetFileName(exe).StartsWith("minisat", StringComparison.OrdinalIgnoreCase);
            var resultFile = Path.Combine(dir.FullName, "out.txt");
            var args = new List<string>(extraArguments ?? Array.Empty<string>());
            if (minisat) args.Add("-verb=0");
            args.Add(input);
            if (minisat) args.Add(resultFile);
            var run = ProcessRunner.Run(exe, args, timeout, cancel: cancel);
            if (run.TimedOut) return new ExternalSolverAnswer(SatResult.Unknown, null, run.Elapsed);
            int code = run.ExitCode!.Value;
            var text = minisat && File.Exists(resultFile) ? MiniSatToCompetition(File.ReadAllText(resultFile)) : run.StandardOutput;
            var answer = Parse(text, code, cnf.VarCount);
            if (answer.Result == SatResult.Unknown && code is not (0 or 10 or 20))
                throw new InvalidOperationException($"{Program} failed with exit code {code}: {run.StandardError.Trim()}");
            if (answer.Model != null && !cnf.IsSatisfiedBy(answer.Model))
                throw new InvalidOperationException($"{Program} returned a model that does not satisfy the formula");
            return answer with { Elapsed = run.Elapsed };
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
