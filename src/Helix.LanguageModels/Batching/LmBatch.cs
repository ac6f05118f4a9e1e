namespace Helix.LanguageModels.Batching;

/// <summary>A batch of <see cref="Rows"/> sequences of <see cref="Width"/> = L + 1 tokens, row-major, with padding flags.</summary>
internal sealed record LmBatch(long[] Tokens, bool[] Padding, int Rows, int Width);
