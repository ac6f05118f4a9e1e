namespace Helix.Proteins.Output;

/// <summary>Receives embedding rows one at a time (an .npy or .csv file being written).</summary>
public interface IEmbeddingSink
{
    /// <summary>Appends the row <paramref name="values"/> for <paramref name="id"/> (.npy files drop the id).</summary>
    void Write(string id, ReadOnlySpan<float> values);
}
