using System.Globalization;

namespace Helix.Attention.Slim;

/// <summary>How a training step spends memory: the ordinary full pass, or SLiM over slices of <see cref="ChunkSize"/> tokens.</summary>
public sealed record MemoryMode
{
    /// <summary>Tokens per slice in chunked mode; 0 in full mode.</summary>
    public int ChunkSize { get; }

    /// <summary>True for SLiM's chunked pass.</summary>
    public bool IsChunked => ChunkSize > 0;

    MemoryMode(int chunkSize) => ChunkSize = chunkSize;

    /// <summary>The ordinary pass: one graph over the whole sequence, activation memory O(L).</summary>
    public static MemoryMode Full { get; } = new(0);

    /// <summary>SLiM over slices of <paramref name="chunkSize"/> tokens: activation memory O(C) plus one state per layer.</summary>
    public static MemoryMode Chunked(int chunkSize) => chunkSize > 0
        ? new(chunkSize)
        : throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, "the chunk size C must be a positive number of tokens (C = 1 gives constant memory).");

    /// <summary>Parses <c>full</c> or <c>chunked:C</c> (C a positive integer), as the <c>--memory</c> option takes it.</summary>
    public static MemoryMode Parse(string text)
    {
        var t = text.Trim();
        if (t.Equals("full", StringComparison.OrdinalIgnoreCase)) return Full;
        const string prefix = "chunked:";
        if (t.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && int.TryParse(t.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int c) && c > 0)
            return new(c);
        throw new ArgumentException(
            $"memory mode '{text}' is not understood: write 'full' or 'chunked:C' with C a positive number of tokens per slice, e.g. 'chunked:256'.");
    }

    /// <inheritdoc/>
    public override string ToString() => IsChunked ? $"chunked:{ChunkSize}" : "full";
}
