using Helix.Core;

namespace Helix.Proteins.Output;

/// <summary>Writes an embedding file atomically (<see cref="AtomicFile"/>): .npy (float32 [rows, columns]) or .csv (id, then the values), by extension.</summary>
public static class EmbeddingFile
{
    /// <summary>True when <paramref name="path"/> ends in .npy or .csv.</summary>
    public static bool IsSupported(string path) =>
        path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Lets <paramref name="write"/> fill <paramref name="path"/> row by row; the file appears, complete, only when
    /// <paramref name="write"/> returns (nothing is left behind when it throws).
    /// </summary>
    public static void Write(string path, int columns, Action<IEmbeddingSink> write)
    {
        if (!IsSupported(path)) throw new ArgumentException($"'{path}' must end in .npy or .csv", nameof(path));
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            AtomicFile.WriteText(path, w => write(new CsvEmbeddingWriter(w, columns)));
            return;
        }
        AtomicFile.Write(path, (Stream s) =>
        {
            var npy = new NpyWriter(s, columns);
            write(npy);
            npy.Complete();
        });
    }
}
