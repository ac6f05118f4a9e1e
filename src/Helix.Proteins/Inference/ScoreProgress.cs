namespace Helix.Proteins.Inference;

/// <summary>How far a pseudo-log-likelihood scoring is: reported after each forward pass.</summary>
/// <param name="Scored">Residues scored so far.</param>
/// <param name="Total">Residues in the sequence.</param>
public readonly record struct ScoreProgress(int Scored, int Total);
