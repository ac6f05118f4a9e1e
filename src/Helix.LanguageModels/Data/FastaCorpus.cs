using Helix.Core;
using Helix.Proteins.Data;
using Helix.Proteins.Tokenization;

namespace Helix.LanguageModels.Data;

/// <summary>A FASTA (or UniProt) file as amino-acid token sequences: BOS, residues, EOS per record.</summary>
internal static class FastaCorpus
{
    public static LmCorpus Load(string path)
    {
        var records = new List<long[]>();
        foreach (var record in SequenceFile.Read(path))
        {
            var (residues, _) = ProteinTokenizer.Encode(record.Sequence);
            var ids = new long[residues.Length + 2];
            ids[0] = ProteinTokenizer.Bos;
            for (int i = 0; i < residues.Length; i++) ids[i + 1] = residues[i];
            ids[^1] = ProteinTokenizer.Eos;
            records.Add(ids);
        }
        if (records.Count == 0) throw new InvalidInputException(path, 0, 0, "no protein records found; expected FASTA records starting with '>'.");
        var (train, validation) = LmCorpus.SplitRecords(records);
        return new LmCorpus { Train = train, Validation = validation, VocabSize = ProteinTokenizer.VocabSize, PadId = ProteinTokenizer.Pad, Tokens = LmTokens.Amino };
    }
}
