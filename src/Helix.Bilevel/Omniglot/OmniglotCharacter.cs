namespace Helix.Bilevel.Omniglot;

/// <summary>One character class: its alphabet, its name and its drawings (each size×size, row-major, ink 1).</summary>
/// <param name="Alphabet">Alphabet folder name, e.g. <c>Greek</c>.</param>
/// <param name="Name">Character folder name, e.g. <c>character01</c>.</param>
/// <param name="Images">The drawings.</param>
public sealed record OmniglotCharacter(string Alphabet, string Name, IReadOnlyList<float[]> Images);
