namespace Helix.Bilevel.Meta;

/// <summary>Accuracy over a set of episodes after inner-loop adaptation.</summary>
/// <param name="Episodes">Episodes evaluated.</param>
/// <param name="Mean">Mean per-episode accuracy.</param>
/// <param name="HalfWidth95">Half-width of the 95% confidence interval (1.96 · sd / √n).</param>
/// <param name="MeanLoss">Mean query loss after adaptation.</param>
public sealed record EpisodeAccuracy(int Episodes, double Mean, double HalfWidth95, double MeanLoss);
