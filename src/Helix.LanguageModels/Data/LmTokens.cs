namespace Helix.LanguageModels.Data;

/// <summary>Which tokens a corpus uses.</summary>
public enum LmTokens
{
    /// <summary>Amino-acid tokens for a FASTA file (first non-blank byte '&gt;'), bytes otherwise.</summary>
    Auto,
    /// <summary>One token per byte (257 ids with padding).</summary>
    Bytes,
    /// <summary>Amino-acid tokens of Helix.Proteins, with BOS and EOS around each record.</summary>
    Amino,
}
