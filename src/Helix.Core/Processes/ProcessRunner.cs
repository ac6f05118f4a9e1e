using System.ComponentModel;
using System.Diagnostics;

namespace Helix.Core;

/// <summary>
/// Runs an external program (a SAT solver, ABC, apt-get, a child benchmark point) with a time limit and
/// cancellation, capturing its output. A program that is not installed is a <see cref="ToolNotFoundException"/>
/// that names it; a process past its limit is killed with its whole tree.
/// </summary>
public static class ProcessRunner
{
    /// <summary>True when <paramref name="program"/> can be found (an absolute path that exists, or a name on PATH).</summary>
    public static bool IsAvailable(string program) => Locate(program) != null;

    /// <summary>The full path of <paramref name="program"/>, or null when it cannot be found.</summary>
    public static string? Locate(string program)
    {
        if (program.Contains('/')) return File.Exists(program) ? Path.GetFullPath(program) : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length == 0) continue;
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/> and waits for it.</summary>
    /// <param name="program">A name on PATH or a path.</param>
    /// <param name="arguments">The arguments, passed without shell interpretation.</param>
    /// <param name="timeLimit">Kill the process tree after this long (null: no limit).</param>
    /// <param name="workingDirectory">The working directory (null: the current one).</param>
    /// <param name="standardInput">Text written to stdin, which is then closed (null: stdin closed at once).</param>
    /// <param name="environment">Extra environment variables.</param>
    /// <param name="cancel">Kills the process tree and throws <see cref="OperationCanceledException"/>.</param>
    public static ProcessResult Run(string program, IEnumerable<string> arguments, TimeSpan? timeLimit = null,
        string? workingDirectory = null, string? standardInput = null,
        IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancel = default)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (workingDirectory != null) psi.WorkingDirectory = workingDirectory;
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        if (environment != null) foreach (var (k, v) in environment) psi.Environment[k] = v;
        return Run(psi, timeLimit, standardInput, cancel);
    }

    /// <summary>Runs a prepared <see cref="ProcessStartInfo"/> (output redirected by this method) and waits for it.</summary>
    public static ProcessResult Run(ProcessStartInfo startInfo, TimeSpan? timeLimit = null, string? standardInput = null,
        CancellationToken cancel = default)
    {
        startInfo.RedirectStandardOutput = startInfo.RedirectStandardError = startInfo.RedirectStandardInput = true;
        startInfo.UseShellExecute = false;
        var clock = Stopwatch.StartNew();
        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new ToolNotFoundException(startInfo.FileName, "the process did not start");
        }
        catch (Win32Exception e)
        {
            throw new ToolNotFoundException(startInfo.FileName, e.Message);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            try
            {
                if (standardInput != null) process.StandardInput.Write(standardInput);
                process.StandardInput.Close();
            }
            catch (IOException) { /* the program exited without reading its input */ }
            bool exited = WaitForExit(process, timeLimit, cancel);
            if (!exited) Kill(process);
            process.WaitForExit();
            var result = new ProcessResult(exited ? process.ExitCode : null, stdout.Result, stderr.Result, clock.Elapsed);
            cancel.ThrowIfCancellationRequested();
            return result;
        }
    }

    static bool WaitForExit(Process process, TimeSpan? timeLimit, CancellationToken cancel)
    {
        var deadline = timeLimit is { } t ? Stopwatch.GetTimestamp() + (long)(t.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        while (!process.WaitForExit(20))
        {
            if (cancel.IsCancellationRequested || Stopwatch.GetTimestamp() > deadline) return false;
        }
        return true;
    }

    static void Kill(Process process)
    {
        try { process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { /* already exited */ }
    }
}
