namespace Helix.Bilevel.Omniglot;

/// <summary>
/// An N-way K-shot episode: support and query images (row-major, side×side each) with labels 0..N−1.
/// </summary>
/// <param name="Ways">N.</param>
/// <param name="ImageSize">Image side.</param>
/// <param name="SupportImages">N·K images, flattened.</param>
/// <param name="SupportLabels">N·K labels.</param>
/// <param name="QueryImages">Query images, flattened.</param>
/// <param name="QueryLabels">Query labels.</param>
public sealed record Episode(int Ways, int ImageSize, float[] SupportImages, long[] SupportLabels, float[] QueryImages, long[] QueryLabels);
