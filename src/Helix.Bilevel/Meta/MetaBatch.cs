using Helix.Bilevel.Omniglot;

namespace Helix.Bilevel.Meta;

/// <summary>A meta-step's episodes and their UFOM draws (drawn by the batch source, so a resumed run repeats them).</summary>
/// <param name="Episodes">The episodes.</param>
/// <param name="ExactDraws">ξ per episode.</param>
public sealed record MetaBatch(IReadOnlyList<Episode> Episodes, IReadOnlyList<bool> ExactDraws);
