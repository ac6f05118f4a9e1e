using Markdig.Syntax;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Helix.XDoc;

/// <summary>
/// Compiles every doctest of the manual into one in-memory assembly (each in its own method, with <c>#line</c>
/// directives so errors point into the topic file), runs each with the console captured, and checks the output.
/// </summary>
internal static class DoctestRunner
{
    static readonly object ConsoleLock = new();

    public static Dictionary<FencedCodeBlock, string> Run(IReadOnlyList<Doctest> tests, IReadOnlyList<string> extraReferences, TimeSpan timeout,
                                                           List<DocDiagnostic> diagnostics, CancellationToken cancel)
    {
        var outputs = new Dictionary<FencedCodeBlock, string>();
        if (tests.Count == 0) return outputs;
        var trees = new List<SyntaxTree>();
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        for (int i = 0; i < tests.Count; i++) trees.Add(CSharpSyntaxTree.ParseText(Wrap(tests[i], i), parse, $"doctest{i}.cs", Encoding.UTF8));
        var compilation = CSharpCompilation.Create("XDocDoctests_" + Guid.NewGuid().ToString("N"), trees, References(extraReferences),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
        using var ms = new MemoryStream();
        var emit = compilation.Emit(ms, cancellationToken: cancel);
        if (!emit.Success)
        {
            var failed = new HashSet<int>();
            foreach (var d in emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
            {
                var span = d.Location.GetMappedLineSpan();
                int index = trees.IndexOf(d.Location.SourceTree!);
                if (index >= 0) failed.Add(index);
                var where = span.HasMappedPath ? new SourceLocation(span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1)
                                               : index >= 0 ? tests[index].Where : new("(doctest)", 0);
                diagnostics.Add(new(DiagnosticCodes.DoctestFailed, true, where, $"doctest does not compile: {d.Id}: {d.GetMessage()}"));
            }
            return outputs;
        }
        ms.Position = 0;
        var alc = new AssemblyLoadContext("xdoc-doctests", isCollectible: true);
        try
        {
            var asm = alc.LoadFromStream(ms);
            for (int i = 0; i < tests.Count; i++)
            {
                cancel.ThrowIfCancellationRequested();
                var method = asm.GetType($"XDocDoctests.Doctest{i}")!.GetMethod("Run", BindingFlags.Public | BindingFlags.Static)!;
                var (output, error) = Invoke(method, timeout);
                var t = tests[i];
                if (error != null) { diagnostics.Add(new(DiagnosticCodes.DoctestFailed, true, t.Where, $"doctest failed: {error}")); continue; }
                outputs[t.Block] = output;
                if (t.Expected != null && Normalize(t.Expected) != Normalize(output))
                    diagnostics.Add(new(DiagnosticCodes.DoctestFailed, true, t.Where,
                        $"doctest printed `{Normalize(output).Replace("\n", "\\n")}`, expected `{Normalize(t.Expected).Replace("\n", "\\n")}`"));
            }
        }
        finally { alc.Unload(); }
        return outputs;
    }

    static string Normalize(string s) => string.Join('\n', s.Replace("\r", "").Split('\n').Select(l => l.TrimEnd())).Trim('\n');

    static (string Output, string? Error) Invoke(MethodInfo method, TimeSpan timeout)
    {
        lock (ConsoleLock)
        {
            var writer = new StringWriter();
            var oldOut = Console.Out;
            var oldErr = Console.Error;
            Console.SetOut(writer);
            Console.SetError(writer);
            string? error = null;
            try
            {
                var task = Task.Run(() => method.Invoke(null, null));
                if (!task.Wait(timeout)) error = $"timed out after {timeout.TotalSeconds:F0} s";
            }
            catch (AggregateException e)
            {
                var inner = e.InnerException is TargetInvocationException { InnerException: { } x } ? x : e.InnerException ?? e;
                error = $"{inner.GetType().Name}: {inner.Message}";
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldErr);
            }
            return (writer.ToString(), error);
        }
    }

    static string Wrap(Doctest t, int index)
    {
        var lines = t.Code.Replace("\r", "").Split('\n');
        int n = 0;
        var usings = new StringBuilder();
        while (n < lines.Length && (lines[n].TrimStart().StartsWith("using ", StringComparison.Ordinal) && lines[n].TrimEnd().EndsWith(';') && !lines[n].Contains('(') || lines[n].Trim().Length == 0))
        {
            usings.Append(lines[n]).Append('\n');
            n++;
        }
        var file = t.Where.File.Replace("\\", "\\\\").Replace("\"", "\\\"");
        var sb = new StringBuilder();
        sb.Append("using System;\nusing System.Linq;\nusing System.Collections.Generic;\nusing System.IO;\n").Append(usings);
        sb.Append($"namespace XDocDoctests {{ public static class Doctest{index} {{ public static void Run() {{\n");
        if (t.Where.Line > 0) sb.Append($"#line {t.Where.Line + n} \"{file}\"\n");
        sb.Append(string.Join('\n', lines.Skip(n))).Append('\n');
        sb.Append("#line default\n}}}\n");
        return sb.ToString();
    }

    static List<MetadataReference> References(IReadOnlyList<string> extra)
    {
        var refs = new List<MetadataReference>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var tpa = ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var p in tpa)
        {
            var name = Path.GetFileName(p);
            if ((name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Helix.", StringComparison.Ordinal) || name is "mscorlib.dll" or "netstandard.dll")
                && seen.Add(name)) refs.Add(MetadataReference.CreateFromFile(p));
        }
        foreach (var p in extra)
            if (File.Exists(p) && seen.Add(Path.GetFileName(p))) refs.Add(MetadataReference.CreateFromFile(p));
        return refs;
    }
}
