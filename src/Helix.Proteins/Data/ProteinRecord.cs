namespace Helix.Proteins.Data;

/// <summary>One protein read from a sequence file.</summary>
/// <param name="Id">The identifier (FASTA: the first word of the header; UniProt: the first accession).</param>
/// <param name="Description">The rest of the header (FASTA) or the DE lines (UniProt).</param>
/// <param name="Sequence">Residues as upper-case letters, stop '*' removed.</param>
/// <param name="Source">The file it came from.</param>
/// <param name="Line">The 1-based line where the record starts.</param>
public sealed record ProteinRecord(string Id, string Description, string Sequence, string Source, long Line);
