using System.Collections.Concurrent;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Helix.XDoc;

/// <summary>
/// Compiles C# projects from their source (no build needed) so that symbols, documentation comments and declarations
/// can be read. References: the running .NET runtime, the projects' own project references, and the package
/// references found in the NuGet cache (versions from Directory.Packages.props).
/// </summary>
internal static class ProjectCompiler
{
    static readonly string[] ImplicitUsings =
        ["System", "System.IO", "System.Collections.Generic", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    static readonly Lazy<MetadataReference[]> RuntimeReferences = new(() =>
        ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray());

    /// <summary>The runtime's reference assemblies (System.*), shared by every compilation.</summary>
    public static IReadOnlyList<MetadataReference> Runtime => RuntimeReferences.Value;

    /// <summary>Compiles each project folder (holding one *.csproj); the result follows the input order.</summary>
    public static List<(string Dir, CSharpCompilation Compilation)> Compile(IReadOnlyList<string> projectDirs, CancellationToken cancel)
    {
        var infos = projectDirs.Select(Describe).ToList();
        var byName = infos.ToDictionary(i => i.AssemblyName, StringComparer.OrdinalIgnoreCase);
        var done = new Dictionary<string, CSharpCompilation>(StringComparer.OrdinalIgnoreCase);
        var parsed = new ConcurrentDictionary<string, SyntaxTree[]>();
        Parallel.ForEach(infos, new ParallelOptions { CancellationToken = cancel }, info => parsed[info.Dir] = Parse(info));

        CSharpCompilation Build(ProjectInfo info, HashSet<string> visiting)
        {
            if (done.TryGetValue(info.AssemblyName, out var c)) return c;
            visiting.Add(info.AssemblyName);
            var refs = new List<MetadataReference>(Runtime);
            // Project references, transitively (a library sees what its references reference), and their packages.
            var deps = new List<CSharpCompilation>();
            foreach (var dep in info.ProjectReferences)
                if (byName.TryGetValue(dep, out var d) && !visiting.Contains(dep)) deps.Add(Build(d, visiting));
            var closure = new HashSet<CSharpCompilation>();
            var work = new Stack<CSharpCompilation>(deps);
            while (work.Count > 0)
            {
                var x = work.Pop();
                if (!closure.Add(x)) continue;
                foreach (var r in x.References.OfType<CompilationReference>()) work.Push((CSharpCompilation)r.Compilation);
            }
            refs.AddRange(closure.Select(x => x.ToMetadataReference()));
            var packages = new HashSet<MetadataReference>(info.Packages);
            foreach (var x in closure) foreach (var r in x.References.OfType<PortableExecutableReference>()) if (!Runtime.Contains(r)) packages.Add(r);
            refs.AddRange(packages);
            c = CSharpCompilation.Create(info.AssemblyName, parsed[info.Dir], refs,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            done[info.AssemblyName] = c;
            return c;
        }
        return infos.Select(i => (i.Dir, Build(i, new HashSet<string>(StringComparer.OrdinalIgnoreCase)))).ToList();
    }

    static SyntaxTree[] Parse(ProjectInfo info)
    {
        var options = new CSharpParseOptions(LanguageVersion.Preview, DocumentationMode.Diagnose);
        var files = Directory.EnumerateFiles(info.Dir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(info.Dir, f))).Order(StringComparer.Ordinal).ToList();
        var trees = new List<SyntaxTree>(files.Count + 1);
        foreach (var f in files) trees.Add(CSharpSyntaxTree.ParseText(File.ReadAllText(f), options, f));
        trees.Add(CSharpSyntaxTree.ParseText(string.Concat(ImplicitUsings.Select(u => $"global using global::{u};\n")), options, "GlobalUsings.g.cs"));
        return trees.ToArray();
    }

    static bool IsBuildOutput(string relative)
    {
        var first = relative.Split(Path.DirectorySeparatorChar)[0];
        return first is "bin" or "obj";
    }

    sealed record ProjectInfo(string Dir, string AssemblyName, List<string> ProjectReferences, List<MetadataReference> Packages);

    static ProjectInfo Describe(string dir)
    {
        var csproj = Directory.EnumerateFiles(dir, "*.csproj").FirstOrDefault();
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(dir));
        var projectRefs = new List<string>();
        var packages = new List<MetadataReference>();
        if (csproj != null)
        {
            var doc = XDocument.Load(csproj);
            name = doc.Descendants("AssemblyName").Select(e => e.Value).FirstOrDefault() ?? Path.GetFileNameWithoutExtension(csproj);
            foreach (var p in doc.Descendants("ProjectReference"))
                projectRefs.Add(Path.GetFileNameWithoutExtension((string?)p.Attribute("Include") ?? ""));
            var versions = PackageVersions(dir);
            foreach (var p in doc.Descendants("PackageReference"))
            {
                var id = (string?)p.Attribute("Include");
                if (id == null) continue;
                var version = (string?)p.Attribute("Version") ?? versions.GetValueOrDefault(id);
                if (version != null) packages.AddRange(PackageAssemblies(id, version));
            }
        }
        return new(dir, name, projectRefs, packages);
    }

    static Dictionary<string, string> PackageVersions(string dir)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var d = new DirectoryInfo(dir); d != null; d = d.Parent)
        {
            var props = Path.Combine(d.FullName, "Directory.Packages.props");
            if (!File.Exists(props)) continue;
            foreach (var e in XDocument.Load(props).Descendants("PackageVersion"))
                if ((string?)e.Attribute("Include") is { } id && (string?)e.Attribute("Version") is { } v) map[id] = v;
            break;
        }
        return map;
    }

    static IEnumerable<MetadataReference> PackageAssemblies(string id, string version)
    {
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                   ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var lib = Path.Combine(root, id.ToLowerInvariant(), version, "lib");
        if (!Directory.Exists(lib)) yield break;
        string[] preferred = ["net10.0", "net9.0", "net8.0", "net7.0", "net6.0", "netstandard2.1", "netstandard2.0"];
        var tfm = preferred.Select(t => Path.Combine(lib, t)).FirstOrDefault(Directory.Exists);
        if (tfm == null) yield break;
        foreach (var dll in Directory.EnumerateFiles(tfm, "*.dll")) yield return MetadataReference.CreateFromFile(dll);
    }
}
