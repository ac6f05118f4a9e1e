namespace Helix.Core;

/// <summary>
/// Writes a file through a temporary sibling and one rename, so that a reader (or a crash) never sees half a file.
/// The temporary file is removed when writing fails. Every Helix library writes its outputs through here.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> by letting <paramref name="writeTemporary"/> write a temporary path,
    /// then renaming it over <paramref name="path"/>. Use this form for APIs that write by path (libtorch's save).</summary>
    public static void Write(string path, Action<string> writeTemporary)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var tmp = $"{full}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            writeTemporary(tmp);
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    /// <summary>Writes <paramref name="path"/> from a stream that <paramref name="write"/> fills.</summary>
    public static void Write(string path, Action<Stream> write) =>
        Write(path, (string tmp) =>
        {
            using var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            write(stream);
            if (stream.CanWrite) stream.Flush(flushToDisk: false);   // a writer may have closed it already
        });

    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM).</summary>
    public static void WriteAllText(string path, string text) => Write(path, (string tmp) => File.WriteAllText(tmp, text));

    /// <summary>Writes <paramref name="bytes"/>.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        Write(path, (string tmp) => File.WriteAllBytes(tmp, copy));
    }

    /// <summary>Writes text through a <see cref="TextWriter"/> that <paramref name="write"/> fills.</summary>
    public static void WriteText(string path, Action<TextWriter> write) =>
        Write(path, (Stream s) =>
        {
            using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            write(w);
        });
}
