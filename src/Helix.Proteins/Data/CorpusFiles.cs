namespace Helix.Proteins.Data;

/// <summary>The default corpus: the training database and the second test set.</summary>
/// <param name="Database">DB.fasta.gz: 20,000 UniProt sequences (train, validation and test splits).</param>
/// <param name="Query">QUERY.fasta.gz: 500 more sequences, a second test set.</param>
public sealed record CorpusFiles(string Database, string Query);
