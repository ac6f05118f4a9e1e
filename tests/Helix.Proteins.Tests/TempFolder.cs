using System.IO.Compression;
using System.Text;

namespace Helix.Proteins.Tests;

/// <summary>A temporary folder for test files, deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("helix-proteins-").FullName;

    public string Write(string name, string text)
    {
        var p = System.IO.Path.Combine(Path, name);
        File.WriteAllText(p, text);
        return p;
    }

    public string WriteGzip(string name, string text)
    {
        var p = System.IO.Path.Combine(Path, name);
        using var f = File.Create(p);
        using var gz = new GZipStream(f, CompressionLevel.Fastest);
        gz.Write(Encoding.UTF8.GetBytes(text));
        return p;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
