namespace Helix.Orthogonal;

/// <summary>One batch of the copying task: inputs and targets, row-major (B, T + 20), plain data.</summary>
/// <param name="Inputs">Input symbols: 0 blank, 1–8 data, 9 the delimiter.</param>
/// <param name="Targets">Target symbols: 0 blank, then the 10 data symbols in the last 10 steps.</param>
/// <param name="Batch">B.</param>
/// <param name="Length">T + 20.</param>
public sealed record CopyingBatch(long[] Inputs, long[] Targets, int Batch, int Length);
