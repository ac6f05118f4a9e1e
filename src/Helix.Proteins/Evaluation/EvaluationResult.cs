namespace Helix.Proteins.Evaluation;

/// <summary>
/// A model and the unigram baseline on the same scored positions of one held-out set. <see cref="Model"/> is the
/// honest figure: every scored residue is replaced by MASK in the input. <see cref="PaperStyle"/> is the BERT/paper
/// figure on the same positions with 80/10/10 mask/random/keep, where 10 % of scored residues stay visible (so it
/// flatters a model that copies its input).
/// </summary>
/// <param name="Name">The set ("test", "query", ...).</param>
/// <param name="Proteins">Proteins in the set.</param>
/// <param name="Residues">Residues in the set.</param>
/// <param name="Model">The model with every scored residue masked (the headline).</param>
/// <param name="Unigram">The baseline on the same positions.</param>
/// <param name="PaperStyle">The model with 80/10/10 masking on the same positions, or null when not measured.</param>
public sealed record EvaluationResult(string Name, int Proteins, long Residues, MlmScore Model, MlmScore Unigram, MlmScore? PaperStyle)
{
    /// <summary>
    /// The short context table (<see cref="LookupBaseline.ContextTableWidths"/>: two input tokens on each side, then one, counted on the training split) on the same
    /// positions and input as <see cref="Model"/>, or null when not measured.
    /// </summary>
    public MlmScore? Context { get; init; }
    /// <summary>
    /// The <see cref="LookupBaseline"/> (exact input contexts up to ±6, counted on the training split) on the same
    /// positions and input as <see cref="Model"/>, or null when not measured.
    /// </summary>
    public MlmScore? Lookup { get; init; }
    /// <summary>Share of scored positions whose widest lookup context, as the input has it (masked neighbours included), occurs in training.</summary>
    public double? LookupCoverage { get; init; }
    /// <summary>
    /// The same share with every scored residue put back around the position (only the position itself hidden): how
    /// much of the set the training split holds verbatim, whatever the mask rate.
    /// </summary>
    public double? UnmaskedLookupCoverage { get; init; }
    /// <summary>Model accuracy / unigram accuracy (honest).</summary>
    public double AccuracyRatio => Model.Accuracy / Math.Max(1e-12, Unigram.Accuracy);
    /// <summary>Model perplexity / unigram perplexity (honest; below 1 is better than the baseline).</summary>
    public double PerplexityRatio => Model.Perplexity / Unigram.Perplexity;
}
